import ArgumentParser
import DocketCore
import Foundation

/// `docket fee …`: court fees under State Council Decree 481.
struct FeeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fee",
        abstract:
            "Court fees under the Measures on the Payment of Litigation Costs (诉讼费用交纳办法, State Council Decree 481).",
        discussion: """
            Fees are computed to the fen with exact arithmetic and rounded half-up once, at the end. Every quote \
            lists its steps and the article each one applies, so it can be checked by hand.
            """,
        subcommands: [Quote.self]
    )

    struct Quote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Quote the fee for one case or application.",
            discussion: """
                Kinds and rules (yuan):
                - property: on the claim, cumulative bands (art. 13(1)): up to 10,000 → 50 per case; then 2.5% / 2% / \
                1.5% / 1% / 0.9% / 0.8% / 0.7% / 0.6% / 0.5% on the slices above 10k, 100k, 200k, 500k, 1M, 2M, 5M, \
                10M and 20M.
                - divorce: 50–300 per case (provincial amount), plus 0.5% of the property above 200,000 when --amount \
                gives the property total (art. 13(2)1).
                - personality: 100–500 per case, plus 1% of damages between 50,000 and 100,000 and 0.5% above \
                (art. 13(2)2).
                - non-property: 50–100 per case (art. 13(2)3).
                - ip: 500–1,000 without an amount; with --amount, the property bands (art. 13(3)).
                - labor: 10 per case (art. 13(4)).
                - admin-special: trademark, patent and maritime administrative cases, 100; admin: others, 50 \
                (art. 13(5)).
                - jurisdiction-objection: a failed objection, 50–100 (art. 13(6)).
                - enforcement: 50–500 without an amount; with one, 50 up to 10,000, then 1.5% / 1% / 0.5% / 0.1% above \
                10k, 500k, 5M and 10M (art. 14(1)). Paid after enforcement, not in advance (art. 20).
                - preservation: 30 up to 1,000 or with no amount; 1% up to 100,000; 0.5% above; at most 5,000 \
                (art. 14(2)).
                - payment-order: one third of the property fee (art. 14(3)).
                - public-notice: 100 (art. 14(4)). arbitration: 400 (art. 14(5)).
                - bankruptcy: half the property fee on the estate, at most 300,000 (art. 14(6)); paid after liquidation.

                Halving: --mediated or --withdrawn (art. 15), --simple (art. 16) and --counterclaim (art. 18) halve an \
                acceptance fee ONCE, however many apply. Application fees (enforcement to bankruptcy) are never \
                halved. --exempt gives the art. 8 cases that pay nothing.

                For the ranged kinds the fee is the province's amount (--schedule FILE.json, otherwise the statutory \
                minimum) and minFen/maxFen give the legal range. Amounts are computed exactly and rounded half-up to \
                the fen once, at the end.
                """
        )

        @Argument(help: "The fee kind: \(FeeKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: String

        @Option(
            parsing: .unconditional,
            help: """
                The amount in yuan, at most two decimals (claim, property total, damages, enforcement, preservation \
                or estate).
                """
        )
        var amount: String?

        @Flag(help: "Tried under the simple procedure (art. 16: halved).")
        var simple = false

        @Flag(help: "Ended by mediation (art. 15: halved).")
        var mediated = false

        @Flag(help: "Withdrawn (art. 15: halved).")
        var withdrawn = false

        @Flag(help: "A counterclaim or joined third-party claim (art. 18: halved).")
        var counterclaim = false

        @Option(
            help: """
                An art. 8 case that pays no acceptance fee: \
                \(FeeExemption.allCases.map(\.rawValue).joined(separator: ", ")).
                """
        )
        var exempt: String?

        @Option(help: ArgumentHelp("A province's fee schedule (JSON) for the ranged amounts.", valueName: "FILE.json"))
        var schedule: String?

        @Flag(help: "Print the quote as JSON.")
        var json = false

        @Flag(help: "Print the computation in English (default: Chinese, as the fee notice says it).")
        var english = false

        func run() throws {
            guard let feeKind = FeeKind(rawValue: kind) else {
                throw DocketError(
                    .invalidInput, key: "fee.kind-unknown",
                    zh: "未知的费用种类“\(kind)”；可用种类："
                        + "\(FeeKind.allCases.map(\.rawValue).joined(separator: ", "))。",
                    en:
                        "Unknown fee kind \"\(kind)\"; kinds are "
                        + "\(FeeKind.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            var exemption: FeeExemption?
            if let exempt {
                guard let value = FeeExemption(rawValue: exempt) else {
                    throw DocketError(
                        .invalidInput, key: "fee.exemption-unknown",
                        zh: "未知的免交情形“\(exempt)”；可用情形："
                            + "\(FeeExemption.allCases.map(\.rawValue).joined(separator: ", "))。",
                        en:
                            "Unknown exemption \"\(exempt)\"; exemptions are "
                            + "\(FeeExemption.allCases.map(\.rawValue).joined(separator: ", "))."
                    )
                }
                exemption = value
            }
            let request = FeeRequest(
                kind: feeKind, amount: try amount.map { try Fen(parsingYuan: $0) }, simple: simple,
                mediated: mediated, withdrawn: withdrawn, counterclaim: counterclaim, exemption: exemption)
            let quote = try loadSchedule().quote(request)
            if json {
                try printJSON(quote)
                return
            }
            if english {
                print("\(feeKind.rawValue): \(quote.fee) yuan")
                if let min = quote.minFen, let max = quote.maxFen {
                    print("Legal range for this request: \(Fen(min).yuanString)–\(Fen(max).yuanString) yuan")
                }
            } else {
                print("\(feeKind.chineseName)：\(quote.fee)元")
                if let min = quote.minFen, let max = quote.maxFen {
                    print("本案法定幅度：\(Fen(min).yuanString)元至\(Fen(max).yuanString)元")
                }
            }
            for line in english ? quote.basis : quote.chineseBasis { print("  \(line)") }
        }

        private func loadSchedule() throws -> FeeSchedule {
            guard let schedule else { return .standard }
            guard let data = FileManager.default.contents(atPath: schedule) else {
                throw DocketError(
                    .notFound, key: "fee.schedule-unreadable", zh: "无法读取收费标准\(schedule)。",
                    en: "The fee schedule \(schedule) could not be read.")
            }
            let decoded: FeeSchedule
            do {
                decoded = try JSONDecoder().decode(FeeSchedule.self, from: data)
            } catch let error as DocketError {
                throw error
            } catch {
                throw DocketError(
                    .invalidInput, key: "fee.schedule-invalid-json",
                    zh: "收费标准\(schedule)不是有效的 JSON：\(error.localizedDescription)",
                    en: "The fee schedule \(schedule) is not valid JSON: \(error.localizedDescription)")
            }
            try decoded.validate()
            return decoded
        }
    }
}
