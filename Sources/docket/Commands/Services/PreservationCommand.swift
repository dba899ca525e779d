import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct PreservationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preservation",
        abstract:
            "Property preservation (财产保全): apply, the prepaid fee, the ruling, reconsideration, the pre-suit lapse.",
        discussion: """
            In a suit, apply on the case; before a suit, file a case of type `preservation` (its own 财保 case) and \
            apply on it. The court rules within 48 hours when urgent (always for pre-suit), 5 days otherwise; a \
            pre-suit preservation needs an accepted guarantee of the full amount (`docket guarantee`) and lapses \
            without a suit within 30 days. Reconsideration may be asked once. `docket deadlines` shows every one of \
            these periods.
            """,
        subcommands: [
            Apply.self, Fee.self, ConfirmFee.self, Rule.self, Reconsider.self, Decide.self, Suit.self, Lapse.self,
        ]
    )

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply for preservation.")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The applying party (id or exact name).") var party: String
        @Option(help: "Yuan to preserve.") var amount: String
        @Option(help: "The property: accounts, real estate, vehicles, …") var property: String
        @Option(help: "Why.") var reason = ""
        @Flag(help: "Urgent: ruled within 48 hours.") var urgent = false
        func run() throws {
            let value = try ServiceSupport.yuan(amount)
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.applyPreservation(
                    file, id: id, applicant: try node.party(party, in: file).id, amount: value,
                    property: property, reason: reason, urgent: urgent, by: actor)
            }
        }
    }

    struct Fee: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assess the prepaid preservation fee (court nodes); pay it with `docket pay --assessment`.")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The preservation request id.") var id: String
        @Option(help: "Days to pay (default 7).") var days = 7
        func run() throws {
            try ServiceSupport.step(target, id: id) { node, file, actor, side, id in
                try CaseActions.assessPreservationFee(
                    file, id: id, assessmentId: node.newRecordID("f"), due: Node.today().adding(days: days),
                    side: side, by: actor)
            }
        }
    }

    struct ConfirmFee: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm-fee", abstract: "Record that the preservation fee is paid (refused until it is).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The preservation request id.") var id: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.confirmPreservationFee(file, id: id, side: side, by: actor)
            }
        }
    }

    struct Rule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rule on the application (court nodes); the ruling joins the dossier.")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The preservation request id.") var id: String
        @Flag(help: "Grant the preservation.") var grant = false
        @Flag(help: "Refuse it.") var refuse = false
        @Option(help: "The reasons.") var reason: String
        @Option(
            help: "The ruling document (default: the complete ruling written from the application and the reasons).")
        var file: String?
        func run() throws {
            guard grant != refuse else {
                throw DocketError(
                    .invalidInput, key: "cli.grant-or-refuse", zh: "请选择准许或不准许。", en: "Say --grant or "
                        + "--refuse.")
            }
            let node = try target.node.open()
            let ruled = try node.services.rulePreservation(
                try node.resolveCase(target.reference), id: id, grant: grant, reason: reason,
                file: try file.map(ServiceSupport.file))
            try ServiceSupport.show(ruled.filing(id), json: target.output.json)
        }
    }

    struct Reconsider: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A party asks for reconsideration of the ruling (once only).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The preservation request id.") var id: String
        @Option(help: "The party (id or exact name).") var party: String
        @Option(help: "Why.") var reason: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { node, file, actor, side, id in
                try CaseActions.requestReconsideration(
                    file, id: id, party: try node.party(party, in: file).id, reason: reason, side: side, by: actor)
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide the reconsideration (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The preservation request id.") var id: String
        @Flag(help: "Preservation stands / is granted.") var grant = false
        @Flag(help: "Preservation is refused / lifted.") var refuse = false
        @Option(help: "The reasons.") var reason: String
        func run() throws {
            guard grant != refuse else {
                throw DocketError(
                    .invalidInput, key: "cli.grant-or-refuse", zh: "请选择准许或不准许。", en: "Say --grant or "
                        + "--refuse.")
            }
            let node = try target.node.open()
            let file = try node.services.decideReconsideration(
                try node.resolveCase(target.reference), id: id, keep: grant, reason: reason)
            try ServiceSupport.show(file.filing(id), json: target.output.json)
        }
    }

    struct Suit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Confirm the suit brought after a pre-suit preservation (court nodes): its 案号 must be a real "
                + "first-instance case."
        )
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The preservation request id.") var id: String
        @Option(name: .customLong("case-number"), help: "The suit's 案号 (a case of this court must exist here).")
        var caseNumber: String
        func run() throws {
            let node = try target.node.open()
            let file = try node.services.confirmSuit(
                try node.resolveCase(target.reference), preservation: id, caseNumber: caseNumber)
            try ServiceSupport.show(file.filing(id), json: target.output.json)
        }
    }

    struct Lapse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Lift a pre-suit preservation when no suit came within 30 days (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The preservation request id.") var id: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { node, file, actor, side, id in
                try CaseActions.lapsePreservation(
                    file, id: id, today: Node.today(), periods: try node.periods(), side: side, by: actor)
            }
        }
    }
}
