import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct MediationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mediation",
        abstract:
            "Mediation (调解): request, each party's consent, the mediator, the agreement and its signatures, "
            + "the outcome.",
        discussion: """
            Mediation starts only with every party's consent. The parties may choose a mediator within 2 working days, \
            otherwise the court assigns one within 3; the agreement takes effect only when every party has signed it. \
            Court steps (assign, agreement, conclude) are refused on other nodes.
            """,
        subcommands: [Request.self, Consent.self, Assign.self, Agreement.self, Sign.self, Conclude.self]
    )

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A party asks for mediation (its own consent included).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The party asking (party id or exact name).") var party: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.requestMediation(file, id: id, applicant: try node.party(party, in: file).id, by: actor)
            }
        }
    }

    struct Consent: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A party consents (and may name the mediator it chooses).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The mediation request id.") var id: String
        @Option(help: "The consenting party.") var party: String
        @Option(help: "The mediator this party chooses.") var mediator: String?
        func run() throws {
            try ServiceSupport.step(target, id: id) { node, file, actor, side, id in
                try CaseActions.consentToMediation(
                    file, id: id, party: try node.party(party, in: file).id, mediator: mediator, side: side, by: actor)
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The court assigns a mediator (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The mediation request id.") var id: String
        @Option(help: "The mediator.") var mediator: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.assignMediator(file, id: id, mediator: mediator, side: side, by: actor)
            }
        }
    }

    struct Agreement: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File the mediation agreement for signature (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The mediation request id.") var id: String
        @Option(help: "The agreement document.") var file: String
        func run() throws {
            let (name, bytes) = try ServiceSupport.file(file)
            try ServiceSupport.step(target, id: id) { node, file, actor, side, id in
                try CaseActions.draftMediationAgreement(
                    file, id: id, agreement: try node.attachment(name: name, title: "调解协议", bytes: bytes, actor: actor),
                    side: side, by: actor)
            }
        }
    }

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A party signs the agreement.")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The mediation request id.") var id: String
        @Option(help: "The signing party.") var party: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { node, file, actor, _, id in
                try CaseActions.signMediationAgreement(
                    file, id: id, party: try node.party(party, in: file).id, by: actor)
            }
        }
    }

    struct Conclude: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Record the outcome (court nodes): --settled (refused unless every party signed; the 民事调解书 is "
                + "served and the fee halved) or --failed."
        )
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The mediation request id.") var id: String
        @Flag(help: "Settled: the agreement is in force and the case closes.") var settled = false
        @Flag(help: "No agreement: the case goes on.") var failed = false
        func run() throws {
            guard settled != failed else {
                throw DocketError(
                    .invalidInput, key: "mediation.outcome-required", zh: "请指定 --settled（调解成功）或 "
                        + "--failed（调解不成）。",
                    en: "Say --settled or --failed.")
            }
            let node = try target.node.open()
            let file = try node.services.concludeMediation(
                try node.resolveCase(target.reference), id: id, settled: settled)
            try ServiceSupport.show(file.filing(id), json: target.output.json)
            if settled, !target.output.json,
                let refund = file.payments.last(where: {
                    $0.kind == .refund && $0.reason == RefundGround.mediated.rawValue
                })
            {
                print(
                    "调解结案，受理费减半：退还 \(Fen(refund.amountFen).yuanString) 元，"
                        + "\(refund.dueDate ?? "—") 前 (refund \(refund.id))"
                )
            }
        }
    }
}
