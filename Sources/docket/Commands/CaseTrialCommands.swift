import ArgumentParser
import DocketCore
import DocketStore
import Foundation

extension CaseCommand {
    struct Evidence: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set the evidence period's last day (court nodes; 举证期限).",
            discussion:
                "Ordinary procedure: at least 15 days; simple: at most 15; small claims: at most 7 "
                + "(民诉法解释 arts. 99, 275)."
        )
        @OptionGroup var target: ServiceTarget
        @Option(help: ArgumentHelp("The last day, YYYY-MM-DD (Asia/Shanghai).", valueName: "day")) var until: String

        func run() throws {
            let day = try LocalDate(parsing: until)
            let node = try target.node.open()
            let uid = try node.resolveCase(target.reference)
            let file = try node.serviceStep(uid) { file, actor, side in
                try CaseActions.setEvidencePeriod(file, until: day, today: Node.today(), side: side, by: actor)
            }
            try CaseView(file, node: node).print(json: target.output.json)
        }
    }

    struct TrialLimit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trial-limit",
            abstract: "Extend the trial time limit or record days not counted in it (court nodes; 审限).",
            discussion:
                "CPL art. 152: extended by up to six months with the president's approval; 民诉法解释 art. 243: "
                + "days of public notice, appraisal, settlement or a jurisdiction objection are not counted."
        )
        @OptionGroup var target: ServiceTarget
        @Option(name: .customLong("extend-months"), help: "Months to extend it by (1–6).") var extendMonths: Int?
        @Option(name: .customLong("exclude-days"), help: "Days not counted in it.") var excludeDays: Int?
        @Option(help: "Why, and who approved it.") var reason: String

        func run() throws {
            let node = try target.node.open()
            let uid = try node.resolveCase(target.reference)
            let file = try node.serviceStep(uid) { file, actor, side in
                try CaseActions.adjustTrialLimit(
                    file, extendMonths: extendMonths, excludeDays: excludeDays, reason: reason, side: side, by: actor)
            }
            try CaseView(file, node: node).print(json: target.output.json)
        }
    }
}

extension CaseCommand {
    struct Judgment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the judgment pronounced (court nodes; 宣判): its document joins the dossier.",
            discussion:
                "Pronounced in court (--in-court): sent within 10 days; on a set day: handed over at once "
                + "(CPL art. 151). Serve it with docket service send; each party's appeal period runs from its "
                + "service."
        )
        @OptionGroup var target: ServiceTarget
        @Option(help: "The judgment document.") var file: String
        @Option(
            name: .customLong("on"),
            help: ArgumentHelp("The day pronounced, YYYY-MM-DD (default today).", valueName: "day")) var day: String?
        @Flag(name: .customLong("in-court"), help: "Pronounced in court at the end of the hearing.") var inCourt = false

        func run() throws {
            let (name, bytes) = try ServiceSupport.file(file)
            let pronounced = try day.map { try LocalDate(parsing: $0) } ?? Node.today()
            let node = try target.node.open()
            let uid = try node.resolveCase(target.reference)
            let file = try node.serviceStep(uid) { file, actor, side in
                try CaseActions.recordJudgment(
                    file, document: try node.attachment(name: name, title: "民事判决书", bytes: bytes, actor: actor),
                    pronouncedOn: pronounced, inCourt: inCourt, side: side, by: actor)
            }
            try CaseView(file, node: node).print(json: target.output.json)
        }
    }
}
