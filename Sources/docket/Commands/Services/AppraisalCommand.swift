import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct AppraisalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "Judicial appraisal (司法鉴定): apply, the institution, the report.",
        discussion: "Appraisal fees are paid to the institution, not the court (Decree 481 art. 12): the report records the fee; nothing is collected.",
        subcommands: [Apply.self, Select.self, Start.self, Report.self]
    )

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A party applies for appraisal.")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The applying party (id or exact name).") var party: String
        @Option(help: "What is to be appraised.") var matters: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.applyAppraisal(file, id: id, applicant: try node.party(party, in: file).id, matters: matters, by: actor)
            }
        }
    }

    struct Select: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The court selects the institution (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The appraisal request id.") var id: String
        @Option(help: "The appraisal institution.") var institution: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.selectAppraisalInstitution(file, id: id, institution: institution, side: side, by: actor)
            }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The institution has taken the matter on (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The appraisal request id.") var id: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.moveFiling(file, id: id, to: .inProgress, side: side, summary: "鉴定机构已受理，鉴定进行中", by: actor)
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The report joins the dossier, with the fee the institution charged (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The appraisal request id.") var id: String
        @Option(help: "The report file.") var file: String
        @Option(help: "Yuan charged by the institution (recorded, not collected).") var fee: String
        func run() throws {
            let value = try ServiceSupport.yuan(fee)
            let (name, bytes) = try ServiceSupport.file(file)
            try ServiceSupport.step(target, id: id) { node, case_, actor, side, id in
                try CaseActions.fileAppraisalReport(case_, id: id, report: try node.attachment(name: name, title: "鉴定意见书", bytes: bytes, actor: actor),
                                                    fee: value, side: side, by: actor)
            }
        }
    }
}

struct HotlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hotline",
        abstract: "12368 requests: ask for an extension, leave the judge a message; the court decides and answers.",
        subcommands: [Extension.self, Decide.self, Message.self, Answer.self]
    )

    struct Extension: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask for an extension (of a deadline, a hearing).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The party (id or exact name).") var party: String
        @Option(help: "What should be extended.") var what: String
        @Option(help: "Why.") var reason: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.requestExtension(file, id: id, applicant: try node.party(party, in: file).id, what: what, reason: reason, by: actor)
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decide an extension request (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The request id.") var id: String
        @Option(help: "Granted: the new date (YYYY-MM-DD).") var until: String?
        @Flag(help: "Refuse it.") var refuse = false
        @Option(help: "The reasons.") var reason: String
        func run() throws {
            guard (until != nil) != refuse else { throw DocketError("Say --until DATE (granted) or --refuse.") }
            let date = try until.map { try LocalDate(parsing: $0) }
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.decideExtension(file, id: id, grant: !refuse, newDate: date, reason: reason, side: side, by: actor)
            }
        }
    }

    struct Message: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leave the judge a message (it goes into the timeline).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The party (id or exact name).") var party: String
        @Option(help: "The message.") var text: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.messageJudge(file, id: id, from: try node.party(party, in: file).id, message: text, by: actor)
            }
        }
    }

    struct Answer: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The judge answers a message (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The message id.") var id: String
        @Option(help: "The answer.") var text: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in try CaseActions.answerMessage(file, id: id, answer: text, side: side, by: actor) }
        }
    }
}

struct EnforcementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enforcement",
        abstract: "Enforcement (执行): apply after an effective judgment, property leads, objections (15-day review).",
        discussion: "The application is its own case of type enforcement (`docket case new`), then `enforcement apply` on it. The fee is not prepaid.",
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
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.applyEnforcement(file, id: id, applicant: try node.party(party, in: file).id, judgmentCaseNumber: judgment,
                                                 judgmentEffectiveOn: day, amount: value, today: Node.today(), by: actor)
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept the application (court nodes); the fee is recorded, payable after enforcement.")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The enforcement request id.") var id: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in try CaseActions.acceptEnforcement(file, id: id, side: side, by: actor) }
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
                try CaseActions.submitPropertyLead(file, id: id, enforcementId: enforcement, applicant: try node.party(party, in: file).id,
                                                   description: text, by: actor)
            }
        }
    }

    struct Object: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Object to an enforcement act (reviewed within 15 days).")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The objecting party (id or exact name).") var party: String
        @Option(help: "The enforcement request id.") var enforcement: String?
        @Option(help: "The act objected to.") var act: String
        @Option(help: "Why.") var reason: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.fileObjection(file, id: id, applicant: try node.party(party, in: file).id, enforcementId: enforcement,
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
            guard upheld != rejected else { throw DocketError("Say --upheld or --rejected.") }
            try ServiceSupport.step(target, id: id) { node, file, actor, side, id in
                let ruling = try ServiceSupport.document(node, file: nil, title: "执行裁定书（异议）", lines: [
                    "关于执行异议（\(id)）：", upheld ? "异议成立。" : "驳回异议。", "理由：\(reason)"], actor: actor)
                return try CaseActions.decideObjection(file, id: id, upheld: upheld, reason: reason, ruling: ruling, side: side, by: actor)
            }
        }
    }
}
