import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct FilingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filing",
        abstract: "Review filings: list, accept, ask for corrections, refuse (court nodes).",
        discussion: """
            A filing is reviewed within 7 days of reaching the court (the target is the same day; CPL art. 126). \
            Accepting assigns the case number (案号), assesses the acceptance fee, gives every party a 6-digit query \
            code (诉讼服务密码) and issues the acceptance and fee notices; the fee is due 7 days after the notice is \
            served (诉讼费用交纳办法 art. 22).
            """,
        subcommands: [List.self, Accept.self, Correct.self, Resubmit.self, Reject.self, Withdraw.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Filings under review, oldest first, with their review deadline.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Flag(help: "Only filings waiting for the court (not those waiting for corrections).") var pending = false
        @Flag(help: "Only filings past their 7-day review deadline.") var overdue = false

        struct Row: Encodable {
            var uid: String, filingNumber: String, title: String, status: String, filedAt: String, reviewDue: String,
                overdue: Bool
            /// Other live filings of the same filer with the same court, parties, cause and claim.
            var possibleDuplicates: [String]
        }

        func run() throws {
            let opened = try node.open()
            let today = Node.today()
            let pending = try opened.pendingFilings(overdueOn: overdue ? today : nil)
                .filter { !self.pending || $0.0.status == CaseStatus.submitted.rawValue }
            let duplicates = try opened.possibleDuplicates(ofCases: pending.map(\.0.uid))
            let rows = pending.map {
                Row(
                    uid: $0.0.uid, filingNumber: FilingNumber.of(uid: $0.0.uid), title: $0.0.title, status: $0.0.status,
                    filedAt: $0.0.filedAt, reviewDue: $0.1.lastDay.description, overdue: today > $0.1.lastDay,
                    possibleDuplicates: (duplicates[$0.0.uid] ?? []).map { FilingNumber.of(uid: $0) })
            }
            if output.json { try printJSON(rows); return }
            if rows.isEmpty { print("No filings under review."); return }
            for r in rows {
                let duplicate =
                    r.possibleDuplicates.isEmpty
                    ? "" : "  可能重复 possible duplicate of \(r.possibleDuplicates.joined(separator: ", "))"
                print(
                    "\(r.filingNumber)  \(r.status.padding(toLength: 20, withPad: " ", startingAt: 0)) "
                        + "due \(r.reviewDue)\(r.overdue ? " OVERDUE" : "")  \(r.title)\(duplicate)"
                )
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept a case: number, fee, query codes, notices.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid.") var reference: String
        @Option(
            help: """
                A suit's procedure: ordinary (default), simple or small-claims (simple and small claims halve the fee, \
                art. 16).
                """
        )
        var procedure: Procedure?
        @Option(help: "The case-type code of the number (default from the type of case: 民初, 行初, 执, 财保, …).") var type:
            String?
        @Option(
            name: .customLong("fee-kind"),
            help: "Fee kind when not a plain property case (divorce, labor, personality, …).") var feeKind: FeeKind?
        @Option(help: "The judge in charge.") var judge: String?
        @Option(help: "The clerk the parties can call.") var clerk: String?
        @Option(name: .customLong("clerk-phone"), help: "The clerk's phone number.") var clerkPhone: String?

        func run() throws {
            let opened = try node.open()
            let result = try opened.accept(
                try opened.resolveCase(reference), procedure: procedure, type: type, feeKind: feeKind,
                judge: judge, clerk: clerk, clerkPhone: clerkPhone)
            if output.json { try printJSON(result); return }
            let procedure = result.procedure.flatMap(Procedure.init(rawValue:)).map { "，\($0.chinese)" } ?? ""
            let fee =
                result.feeDue.map { "应缴 \(result.fee) 元，\($0) 前 fee \(result.fee) yuan due \($0)" }
                ?? "无需预交费用 nothing to prepay"
            print("已立案 Accepted as \(result.caseNumber)\(procedure)；\(fee)")
            for p in result.parties { print("  \(p.role) \(p.name): query code \(p.queryCode)") }
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ask for corrections: one notice listing every item.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The case uid.") var reference: String
        @Option(name: .customLong("item"), help: "Something to correct; repeat for each.") var items: [String] = []

        func run() throws {
            let opened = try node.open()
            _ = try opened.requestCorrection(try opened.resolveCase(reference), items: items)
            print("Correction notice issued (\(items.count) item\(items.count == 1 ? "" : "s")).")
        }
    }

    struct Resubmit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand in a corrected filing; the 7-day review restarts.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The case uid.") var reference: String

        func run() throws {
            let opened = try node.open()
            _ = try opened.resubmit(try opened.resolveCase(reference))
            print("Resubmitted; the review counts 7 days again from today.")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse a filing with a ruling (不予受理).")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The case uid.") var reference: String
        @Option(help: "Why the filing is refused.") var reason: String

        func run() throws {
            let opened = try node.open()
            _ = try opened.reject(try opened.resolveCase(reference), reason: reason)
            print("Refused; the ruling is in the dossier.")
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Withdraw a case: a filing under review (its filer, no ruling needed), or an accepted case with the "
                + "court's permission (the fee is halved)."
        )
        @OptionGroup var node: NodeOptions
        @Argument(help: "The case (uid, 案号 or filing number).") var reference: String

        func run() throws {
            let opened = try node.open()
            let file = try opened.withdraw(try opened.resolveCase(reference))
            if file.record.caseNumber == nil {
                print("已撤回立案申请 Filing \(FilingNumber.of(uid: file.record.uid)) withdrawn; the court needs no "
                    + "ruling.")
            } else {
                print("准许撤诉 Withdrawn. Refund half the fee with: docket refund \(reference) --reason withdrawn")
            }
        }
    }
}

extension Procedure: ExpressibleByArgument {}
extension FeeKind: ExpressibleByArgument {}
