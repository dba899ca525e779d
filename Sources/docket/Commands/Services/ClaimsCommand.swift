import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Amend the claims of an accepted case (变更诉讼请求); the court decides and the fee follows.",
        discussion: """
            Before acceptance the filer edits the filing (docket case edit). After acceptance a plaintiff asks the \
            court (amend); the request waits in the clerk's queue (docket requests). Granting a higher amount assesses \
            the supplementary fee with its notice (补交诉讼费用通知书, due 7 days after it is served); a lower amount lowers \
            the fee and refunds what was paid beyond it (诉讼费用交纳办法 art. 21).
            """,
        subcommands: [Amend.self, Decide.self]
    )

    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A plaintiff asks to change the claims or their amount.")
        @OptionGroup var target: ServiceTarget
        @Option(help: "The plaintiff (party id or exact name).") var party: String
        @Option(help: "The new claim amount in yuan.") var amount: String?
        @Option(help: "The new text of the claims.") var claims: String?
        @Option(help: "Why.") var reason: String
        func run() throws {
            let amount = try amount.map(ServiceSupport.yuan)
            try ServiceSupport.step(target, id: nil) { node, file, actor, _, id in
                try CaseActions.requestClaimAmendment(
                    file, id: id, applicant: try node.party(party, in: file).id, amount: amount,
                    claims: claims, reason: reason, by: actor)
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Grant or refuse a claim amendment (court nodes).")
        @OptionGroup var target: ServiceTarget
        @Argument(help: "The request id.") var id: String
        @Flag(help: "Grant it: the case takes the new claims and the fee follows.") var grant = false
        @Flag(help: "Refuse it.") var refuse = false
        @Option(help: "The reasons (required when refusing).") var reason = ""
        func run() throws {
            guard grant != refuse else {
                throw DocketError(
                    .invalidInput, key: "cli.grant-or-refuse", zh: "请选择准许或不准许。", en: "Say --grant or "
                        + "--refuse.")
            }
            if refuse, reason.isEmpty {
                throw DocketError(
                    .invalidInput, key: "claims.refusal-reason-required", zh: "请说明不准许的理由。",
                    en: "Give the reasons for refusing (--reason).")
            }
            let node = try target.node.open()
            let file = try node.services.decideClaimAmendment(
                try node.resolveCase(target.reference), id: id, grant: grant, reason: reason)
            try ServiceSupport.show(file.filing(id), json: target.output.json)
            guard !target.output.json, grant, let filing = file.filing(id) else { return }
            if let assessment = filing.court["assessmentId"],
                let record = file.payments.first(where: { $0.id == assessment })
            {
                print(
                    "应补交 supplementary fee: \(Fen(record.amountFen).yuanString) yuan, due \(record.dueDate ?? "—") "
                        + "(assessment \(assessment))"
                )
            } else if let before = filing.court["feeBefore"], let after = filing.court["feeAfter"], before != after {
                let refund = file.payments.last { $0.kind == .refund && $0.reason == RefundGround.amended.rawValue }
                print(
                    "受理费 acceptance fee \(before) → \(after) yuan"
                        + (refund.map { "; refund \(Fen($0.amountFen).yuanString) yuan due \($0.dueDate ?? "—")" }
                            ?? "")
                )
            }
        }
    }
}

struct RequestsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "The queue of service requests across every case: by default those waiting for the court.",
        discussion: """
            Claim amendments, preservation, appraisal, extensions, mediation, enforcement, objections, petitions, \
            video meetings — each with the case, who asks for what, and how long it has waited. --waiting party lists \
            those waiting for a party (a fee to pay, a consent to give); --all every request.
            """
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Option(help: "court (default) or party.") var waiting: ActingSide = .court
    @Flag(help: "Every request, settled ones included.") var all = false
    @Option(help: "Only this kind (claim-amendment, preservation, …).") var kind: FilingKind?

    func run() throws {
        let opened = try node.open()
        let list = try opened.services.queuedRequests(awaiting: all ? nil : waiting, kind: kind)
        if output.json { return try printJSON(list) }
        if list.isEmpty {
            print(
                all
                    ? "没有申请。No requests."
                    : "没有待\(waiting == .court ? "法院" : "当事人")处理的申请。Nothing waits for the "
                        + "\(waiting == .court ? "court" : "parties")."
            ); return
        }
        for r in list {
            let since = (try? HybridTimestamp(parsing: r.createdAt)).map { "\($0.shanghai.date)" } ?? r.createdAt
            print("\(since)  \(r.caseNumber ?? FilingNumber.of(uid: r.caseUID))  \(r.id)  \(r.summary)")
        }
    }
}

extension ActingSide: ExpressibleByArgument {}
extension FilingKind: ExpressibleByArgument {}
