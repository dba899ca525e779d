import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct AppraisalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "Judicial appraisal (司法鉴定): apply, the institution, the report.",
        discussion:
            "Appraisal fees are paid to the institution, not the court (Decree 481 art. 12): the report records the "
            + "fee; nothing is collected.",
        subcommands: [Apply.self, Select.self, Start.self, Report.self]
    )

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A party applies for appraisal.")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The applying party (id or exact name).") var party: String
        @Option(help: "What is to be appraised.") var matters: String
        func run() throws {
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.applyAppraisal(
                    file, id: id, applicant: try node.party(party, in: file).id, matters: matters, by: actor)
            }
        }
    }

    struct Select: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The court selects the institution (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The appraisal request id.") var id: String
        @Option(help: "The appraisal institution.") var institution: String
        @Option(help: ArgumentHelp("The day the opinion is due, YYYY-MM-DD.", valueName: "day")) var due: String?
        func run() throws {
            let reportDue = try due.map { try LocalDate(parsing: $0) }
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.selectAppraisalInstitution(
                    file, id: id, institution: institution, reportDue: reportDue, side: side, by: actor)
            }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The institution has taken the matter on (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The appraisal request id.") var id: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.moveFiling(
                    file, id: id, to: .inProgress, side: side, summary: "鉴定机构已受理，鉴定进行中", by: actor)
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The report joins the dossier, with the fee the institution charged (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The appraisal request id.") var id: String
        @Option(help: "The report file.") var file: String
        @Option(help: "Yuan charged by the institution (recorded, not collected).") var fee: String
        func run() throws {
            let value = try ServiceSupport.yuan(fee)
            let (name, bytes) = try ServiceSupport.file(file)
            try ServiceSupport.step(target, id: id) { node, case_, actor, side, id in
                try CaseActions.fileAppraisalReport(
                    case_, id: id, report: try node.attachment(name: name, title: "鉴定意见书", bytes: bytes, actor: actor),
                    fee: value, side: side, by: actor)
            }
        }
    }
}
