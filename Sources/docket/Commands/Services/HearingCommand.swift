import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

struct HearingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearing",
        abstract: "Hearings (庭审): schedule, file the transcript, sign it, verify the signatures.",
        discussion: """
            Scheduling needs at least 3 days' notice (CPL art. 139); the notice joins the dossier and is served \
            electronically on every party who consented. Each party confirms or signs the transcript within 5 days: \
            the signature binds the party's checked identity to the transcript's SHA-256 with this node's Ed25519 key, \
            and anyone with that node's public key can verify it. Lawyers book video meetings with detained defendants \
            against the reception calendar (`docket petition slot`); the court confirms them.
            """,
        subcommands: [
            Schedule.self, Cancel.self, Transcript.self, Sign.self, Verify.self, List.self, Meeting.self,
            ConfirmMeeting.self,
        ]
    )

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Schedule a hearing (court nodes).")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case (uid, 案号 or filing number).") var reference: String
        @Option(help: ArgumentHelp("When, Asia/Shanghai: 'YYYY-MM-DD HH:MM'.", valueName: "time")) var at: String
        @Option(
            help: ArgumentHelp(
                "Planned end, Asia/Shanghai: 'HH:MM' or 'YYYY-MM-DD HH:MM' (default: 2 hours after the start).",
                valueName: "time")) var until: String?
        @Option(help: "online or in-person.") var mode = "in-person"
        @Option(help: "Courtroom or meeting room.") var place: String?
        @Option(help: "The presiding judge (default: the case's judge).") var judge: String?
        @Option(
            name: .customLong("outside-hours"),
            help: ArgumentHelp(
                "Sit outside the court's hours (court.hours) anyway, for this reason.", valueName: "reason"))
        var outsideHours: String?

        func run() throws {
            let opened = try node.open()
            guard let mode = HearingMode(rawValue: mode) else {
                throw DocketError(
                    .invalidInput, key: "hearing.mode-invalid", zh: "--mode 应为 online（在线庭审）或 "
                        + "in-person（现场开庭）。",
                    en: "--mode is online or in-person.")
            }
            let startsAt = try ServiceSupport.dateTime(at)
            // --until takes a whole time or, on the same day, just HH:MM.
            let endsAt = try until.map {
                $0.contains("-")
                    ? try ServiceSupport.dateTime($0) : try LocalDateTime(parsing: "\(startsAt.date) \($0)")
            }
            let result = try opened.services.scheduleHearing(
                try opened.resolveCase(reference), mode: mode, startsAt: startsAt, endsAt: endsAt,
                place: place, judge: judge, outsideHoursReason: outsideHours)
            if output.json { return try printJSON(result.hearing) }
            try ServiceSupport.show(result.hearing, json: false)
            print(
                "notice served on: "
                    + (result.served.isEmpty
                        ? "nobody (no consent or address)" : result.served.joined(separator: ", "))
            )
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel a scheduled hearing (court nodes); its courtroom and judge are free again.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case.") var reference: String
        @Argument(help: "The hearing id.") var hearing: String
        @Option(help: "Why.") var reason: String

        func run() throws {
            let opened = try node.open()
            try ServiceSupport.show(
                try opened.services.cancelHearing(try opened.resolveCase(reference), hearing: hearing, reason: reason),
                json: output.json)
        }
    }

    struct Transcript: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "File a hearing's transcript (court nodes).")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case.") var reference: String
        @Argument(help: "The hearing id.") var hearing: String
        @Option(help: "The transcript file.") var file: String
        @Option(name: .customLong("held-on"), help: "The day the hearing took place (default today).") var heldOn:
            String?

        func run() throws {
            let opened = try node.open()
            let (name, bytes) = try ServiceSupport.file(file)
            let day = try heldOn.map { try LocalDate(parsing: $0) } ?? Node.today()
            try ServiceSupport.show(
                try opened.services.fileTranscript(
                    try opened.resolveCase(reference), hearing: hearing, heldOn: day, name: name, bytes: bytes),
                json: output.json)
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A party confirms or signs the transcript (after checking who they are).")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case.") var reference: String
        @Argument(help: "The hearing id.") var hearing: String
        @Option(help: "The party (party id or exact name).") var party: String
        @Option(help: "sign or confirm.") var method = "sign"

        func run() throws {
            let opened = try node.open()
            try ServiceSupport.show(
                try opened.services.signTranscript(
                    try opened.resolveCase(reference), hearing: hearing, party: party, method: method),
                json: output.json)
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify every signature of a transcript; exit 1 if one fails.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case.") var reference: String
        @Argument(help: "The hearing id.") var hearing: String
        @Option(
            name: .customLong("public-key"),
            help: ArgumentHelp(
                "A signing node's key, NODE=BASE64 (peers' keys are known already).", valueName: "node=key"))
        var publicKeys: [String] = []

        struct Line: Encodable {
            var partyId: String, name: String, maskedId: String, node: String, method: String, signedAt: String,
                valid: Bool
        }

        func run() throws {
            let opened = try node.open()
            var keys = try opened.knownKeys()
            for entry in publicKeys {
                guard let equals = entry.firstIndex(of: "=") else {
                    throw DocketError(
                        .invalidInput, key: "hearing.public-key-format", zh: "--public-key 的格式应为 NODE=BASE64。",
                        en: "--public-key takes NODE=BASE64.")
                }
                keys[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
            }
            let results = try opened.services.verifyTranscript(
                try opened.resolveCase(reference), hearing: hearing, publicKeys: keys)
            let lines = results.map {
                Line(
                    partyId: $0.signature.partyId, name: $0.signature.name, maskedId: $0.signature.maskedId,
                    node: $0.signature.node, method: $0.signature.method,
                    signedAt: $0.signature.signedAt.description, valid: $0.valid)
            }
            if output.json {
                try printJSON(lines)
            } else {
                if lines.isEmpty { print("Nobody has signed the transcript yet.") }
                for l in lines {
                    print(
                        "\(l.valid ? "valid  " : "INVALID") \(l.name) (\(l.maskedId), \(l.partyId)) \(l.method) "
                            + "at \(l.signedAt) by node \(l.node)"
                    )
                }
            }
            if results.contains(where: { !$0.valid }) { throw ExitCode(1) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A case's hearings.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case.") var reference: String

        func run() throws {
            let opened = try node.open()
            let hearings = try opened.caseFile(try opened.resolveCase(reference)).hearings
            if output.json { return try printJSON(hearings) }
            if hearings.isEmpty { print("No hearings.") }
            for hearing in hearings { try ServiceSupport.show(hearing, json: false) }
        }
    }

    struct Meeting: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A lawyer books a video meeting with a detained defendant (a calendar slot).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The lawyer.") var lawyer: String
        @Option(help: "The detained defendant.") var defendant: String
        @Option(help: "The detention centre.") var center: String
        @Option(help: "The slot id (see `docket petition slots`).") var slot: String
        func run() throws {
            let node = try target.node.open()
            let meeting = try node.services.requestVideoMeeting(
                try node.resolveCase(target.reference), lawyer: lawyer, defendant: defendant,
                detentionCenter: center, slot: slot)
            try ServiceSupport.show(meeting, json: target.output.json)
        }
    }

    struct ConfirmMeeting: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm-meeting", abstract: "Confirm a video meeting (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The meeting request id.") var id: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.moveFiling(file, id: id, to: .booked, side: side, summary: "视频会见已确认", by: actor)
            }
        }
    }
}
