import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct GuaranteeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "guarantee",
        abstract: "Guarantees (担保) for a preservation: apply, pay, accept (the letter or policy joins the dossier).",
        discussion:
            "Before a suit the guarantee covers the full amount; in a suit at most 30 % of it. "
            + "Forms: cash, insurance, letter.",
        subcommands: [Apply.self, Pay.self, Accept.self]
    )

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Offer a guarantee for a preservation request.")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The preservation request id.") var preservation: String
        @Option(help: "The party (id or exact name).") var party: String
        @Option(help: "Yuan guaranteed.") var amount: String
        @Option(help: "cash, insurance or letter.") var form = "insurance"
        @Option(help: "The insurer or bank.") var guarantor: String?
        func run() throws {
            let value = try ServiceSupport.yuan(amount)
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.applyGuarantee(
                    file, id: id, preservationId: preservation, applicant: try node.party(party, in: file).id,
                    amount: value, form: form, guarantor: guarantor, by: actor)
            }
        }
    }

    struct Pay: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the guarantee money or premium as paid.")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The guarantee id.") var id: String
        @Option(help: "The payment or policy reference.") var reference: String
        func run() throws {
            try ServiceSupport.step(target, id: id) { _, file, actor, side, id in
                try CaseActions.payGuarantee(file, id: id, reference: reference, side: side, by: actor)
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the guarantee (court nodes); its letter or policy joins the dossier.")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The guarantee id.") var id: String
        @Option(help: "The letter or policy (default: a guarantee letter written from the record).") var file: String?
        func run() throws {
            try ServiceSupport.step(target, id: id) { node, case_, actor, side, id in
                guard let guarantee = case_.filing(id) else {
                    throw DocketError(
                        .notFound, key: "guarantee.not-found", zh: "案件中没有担保\(id)。",
                        en: "The case has no guarantee \(id).")
                }
                let form = guarantee.details["form"] ?? "letter"
                let title = form == "insurance" ? "诉讼财产保全责任保险保单" : form == "cash" ? "保证金收据" : "担保书（保函）"
                let letter = try ServiceSupport.document(
                    node, file: file, title: title,
                    lines: [
                        "担保人：\(guarantee.details["guarantor"] ?? "申请人")",
                        "担保金额：人民币\(Fen(guarantee.amountFen ?? 0).yuanString)元",
                        "担保事项：为财产保全申请（\(guarantee.relatedId ?? "")）提供担保；因申请错误造成被申请人损失的，依法承担赔偿责任。",
                        "缴纳凭证：\(guarantee.details["reference"] ?? "—")",
                    ], actor: actor)
                return try CaseActions.acceptGuarantee(case_, id: id, document: letter, side: side, by: actor)
            }
        }
    }
}
