import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct PetitionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "petition",
        abstract: "Petitions (申诉信访) and video reception bookings.",
        discussion: """
            Reception slots come from the court's calendar (`docket petition slot`). A slot is never double-booked on \
            one node; bookings made offline on two nodes that overfill a slot after a merge open a conflict for the \
            administrator (`docket conflicts list`), who cancels the booking that lost its seat with \
            `docket petition cancel`.
            """,
        subcommands: [Submit.self, Slot.self, Slots.self, Book.self, Cancel.self]
    )

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a petition on a case.")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The petitioning party (id or name), if a party.") var party: String?
        @Option(help: "The petitioner's name, if not a party.") var name: String?
        @Option(help: "What the petition says.") var text: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                let party = try party.map { try node.party($0, in: file) }
                guard let who = name ?? party?.name else {
                    throw DocketError(
                        .invalidInput, key: "petition.petitioner-required", zh: "请指明申诉信访人：--party 或 --name。",
                        en: "Say who petitions: --party or --name.")
                }
                return try CaseActions.submitPetition(
                    file, id: id, partyId: party?.id, petitioner: who, text: text, by: actor)
            }
        }
    }

    struct Slot: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a reception slot to the calendar (court nodes).")
        @OptionGroup var node: NodeOptions
        @Option(help: ArgumentHelp("Start, Asia/Shanghai: 'YYYY-MM-DD HH:MM'.", valueName: "time")) var at: String
        @Option(help: "Length in minutes.") var minutes = 30
        @Option(help: "How many may book it.") var capacity = 1
        func run() throws {
            let slot = try node.open().services.addBookingSlot(
                startsAt: try ServiceSupport.dateTime(at), minutes: minutes, capacity: capacity)
            print(
                "slot \(slot.id): \(slot.startsAt), \(slot.minutes) min, "
                    + "\(slot.capacity) place\(slot.capacity == 1 ? "" : "s")"
            )
        }
    }

    struct Slots: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open reception slots and their free places.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        struct Line: Encodable { var id: String, startsAt: String, minutes: Int, capacity: Int, free: Int }
        func run() throws {
            let opened = try node.open()
            let calendar = try opened.services.bookingCalendar(), bookings = try opened.services.bookings()
            let lines = calendar.open(after: LocalDateTime(shanghai: Date()), bookings: bookings).map {
                Line(
                    id: $0.id, startsAt: $0.startsAt.description, minutes: $0.minutes, capacity: $0.capacity,
                    free: calendar.free($0.id, bookings: bookings))
            }
            if output.json { return try printJSON(lines) }
            if lines.isEmpty { print("No open reception slots.") }
            for l in lines { print("\(l.id)  \(l.startsAt)  \(l.minutes) min  \(l.free)/\(l.capacity) free") }
        }
    }

    struct Book: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Book a video reception slot (refused when full).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The slot id (see `docket petition slots`).") var slot: String
        @Option(help: "The booking party (id or name), if a party.") var party: String?
        @Option(help: "The person's name, if not a party.") var name: String?
        @Option(help: "The petition this reception is about.") var petition: String?
        func run() throws {
            let opened = try target.node.open()
            let filing = try opened.services.bookReception(
                try opened.resolveCase(target.reference), party: party, name: name, petitionId: petition, slot: slot)
            try ServiceSupport.show(filing, json: target.output.json)
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a booking (and close its overbooking conflict, if any).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The booking id.") var id: String
        @Option(help: "Why.") var reason: String
        func run() throws {
            let opened = try target.node.open()
            try ServiceSupport.show(
                try opened.services.cancelBooking(try opened.resolveCase(target.reference), id: id, reason: reason),
                json: target.output.json)
        }
    }
}
