import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct EnforcementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enforcement",
        abstract: "Enforcement (执行): apply after an effective judgment, property leads, objections (15-day review).",
        discussion:
            "The application is its own case of type enforcement (`docket case new`), then `enforcement apply` on it. "
            + "The fee is not prepaid.",
        subcommands: [Apply.self, Accept.self, Lead.self, Object.self, Decide.self]
    )

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply for enforcement of an effective judgment.")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The applying party (id or exact name).") var party: String
        @Option(help: "The judgment's 案号.") var judgment: String
        @Option(help: "The day the judgment took effect (YYYY-MM-DD).") var effective: String
        @Option(help: "Yuan to enforce.") var amount: String?
        func run() throws {
            let value = try amount.map(ServiceSupport.yuan)
            let day = try LocalDate(parsing: effective)
            let node = try target.node.open()
            let uid = try node.resolveCase(target.reference)
            let before = Set(try node.caseFile(uid).filings.map(\.id))
            let file = try node.services.applyEnforcement(
                uid, party: party, judgment: judgment, effectiveOn: day, amount: value)
            let filing = file.filings.first { !before.contains($0.id) }
            try ServiceSupport.show(filing, json: target.output.json)
            if !target.output.json, let warning = filing?.details["limitationWarning"] {
                print("注意 Warning: \(warning)")
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the application (court nodes); the fee is recorded, payable after enforcement.")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The enforcement request id.") var id: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.acceptEnforcement(file, id: id, side: side, by: actor)
            }
        }
    }

    struct Lead: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The applicant submits a property lead (财产线索).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The enforcement request id.") var enforcement: String
        @Option(help: "The party (id or exact name).") var party: String
        @Option(help: "The lead: account, real estate, vehicle, …") var text: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.submitPropertyLead(
                    file, id: id, enforcementId: enforcement, applicant: try node.party(party, in: file).id,
                    description: text, by: actor)
            }
        }
    }

    struct Object: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Object to an enforcement act (reviewed within 15 days).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The objecting party (id or exact name).") var party: String
        @Option(help: "The enforcement request id.") var enforcement: String?
        @Option(help: "The act objected to.") var act: String
        @Option(help: "Why.") var reason: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.fileObjection(
                    file, id: id, applicant: try node.party(party, in: file).id, enforcementId: enforcement,
                    act: act, reason: reason, by: actor)
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide an objection (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The objection id.") var id: String
        @Flag(help: "The objection is upheld.") var upheld = false
        @Flag(help: "It is rejected.") var rejected = false
        @Option(help: "The reasons.") var reason: String
        func run() throws {
            guard upheld != rejected else {
                throw DocketError(
                    .invalidInput, key: "enforcement.upheld-or-rejected", zh: "请指定 --upheld（异议成立）或 "
                        + "--rejected（驳回异议）。",
                    en: "Say --upheld or --rejected.")
            }
            let node = try target.node.open()
            let file = try node.services.decideObjection(
                try node.resolveCase(target.reference), id: id, upheld: upheld, reason: reason)
            try ServiceSupport.show(file.filing(id), json: target.output.json)
        }
    }
}
