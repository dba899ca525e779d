/// How much security a preservation needs (CPL arts. 103, 104; SPC Provisions on Property Preservation,
/// 法释〔2016〕22号, art. 5): before suit, the full amount to preserve; in a suit, the court may ask for at most 30 %.
public enum GuaranteeRule {
    /// The forms a guarantee takes: cash deposit, insurance policy (保单), or a guarantee letter (保函).
    public static let forms: Set<String> = ["cash", "insurance", "letter"]

    /// The allowed range of the guarantee in fen: pre-suit exactly from the full amount up; in suit from 1 fen to
    /// 30 % of the amount (rounded up to the fen).
    public static func range(preservationFen: Int64, preSuit: Bool) -> ClosedRange<Int64> {
        if preSuit { return preservationFen...Int64.max }
        return 1...max(1, (preservationFen * 3 + 9) / 10)
    }

    /// Refuses an amount outside `range`, saying what is required, in English and Chinese.
    public static func check(_ amount: Fen, preservationFen: Int64, preSuit: Bool) throws {
        guard range(preservationFen: preservationFen, preSuit: preSuit).contains(amount.value) else {
            if preSuit {
                throw DocketError(
                    .invalidInput, key: "guarantee.pre-suit-full-amount",
                    zh: "诉前保全应当提供相当于请求保全数额的担保，即\(Fen(preservationFen).yuanString)元；"
                        + "所提供的为\(amount.yuanString)元。",
                    en:
                        "A pre-suit preservation needs a guarantee of the full amount, "
                        + "\(Fen(preservationFen).yuanString) yuan; \(amount.yuanString) was offered (CPL "
                        + "art. 104)."
                )
            }
            let cap = Fen(range(preservationFen: preservationFen, preSuit: false).upperBound)
            throw DocketError(
                .invalidInput, key: "guarantee.in-suit-cap",
                zh: "诉中保全担保数额不超过请求保全数额的百分之三十，即\(cap.yuanString)元；"
                    + "所提供的为\(amount.yuanString)元。",
                en:
                    "In a suit the guarantee is at most 30 % of the amount preserved, \(cap.yuanString) yuan; "
                    + "\(amount.yuanString) was given (法释〔2016〕22号 art. 5)."
            )
        }
    }
}
