/// A cumulative band scale of Decree 481: a per-case amount up to a threshold, then a rate on each slice
/// of the amount above it ("分段累计交纳").
struct FeeScale: Sendable {
    /// One slice: the rate (per mille) applied to the part of the amount up to `upTo` (nil: no ceiling).
    struct Band: Sendable {
        let upTo: Fen?
        let perMille: Int64
    }

    /// Charged once when the amount is at or below `threshold` (and included above it).
    let perCase: Fen
    /// The amount covered by `perCase`.
    let threshold: Fen
    /// The slices above `threshold`, in increasing order.
    let bands: [Band]

    /// Art. 13(1): property cases.
    static let property = FeeScale(
        perCase: .yuan(50), threshold: .yuan(10_000),
        bands: [
            Band(upTo: .yuan(100_000), perMille: 25),
            Band(upTo: .yuan(200_000), perMille: 20),
            Band(upTo: .yuan(500_000), perMille: 15),
            Band(upTo: .yuan(1_000_000), perMille: 10),
            Band(upTo: .yuan(2_000_000), perMille: 9),
            Band(upTo: .yuan(5_000_000), perMille: 8),
            Band(upTo: .yuan(10_000_000), perMille: 7),
            Band(upTo: .yuan(20_000_000), perMille: 6),
            Band(upTo: nil, perMille: 5),
        ])

    /// Art. 14(1)2: enforcement with an amount.
    static let enforcement = FeeScale(
        perCase: .yuan(50), threshold: .yuan(10_000),
        bands: [
            Band(upTo: .yuan(500_000), perMille: 15),
            Band(upTo: .yuan(5_000_000), perMille: 10),
            Band(upTo: .yuan(10_000_000), perMille: 5),
            Band(upTo: nil, perMille: 1),
        ])

    /// Art. 14(2): preservation (before the 5,000-yuan cap).
    static let preservation = FeeScale(
        perCase: .yuan(30), threshold: .yuan(1_000),
        bands: [
            Band(upTo: .yuan(100_000), perMille: 10),
            Band(upTo: nil, perMille: 5),
        ])

    /// Art. 13(2)1: the divorce surcharge on property above 200,000 yuan.
    static let divorceProperty = FeeScale(
        perCase: .zero, threshold: .yuan(200_000),
        bands: [
            Band(upTo: nil, perMille: 5)
        ])

    /// Art. 13(2)2: the personality-rights surcharge on damages above 50,000 yuan.
    static let personalityDamages = FeeScale(
        perCase: .zero, threshold: .yuan(50_000),
        bands: [
            Band(upTo: .yuan(100_000), perMille: 10),
            Band(upTo: nil, perMille: 5),
        ])

    /// The exact fee on `amount`, with one step per slice used, in English and in Chinese.
    func apply(to amount: Fen) -> (fee: FenRational, steps: [FeeStep]) {
        var steps: [FeeStep] = []
        var total = FenRational(perCase)
        if perCase > .zero {
            steps.append(
                FeeStep(
                    en: "up to \(threshold.yuanString): \(perCase.yuanString) per case",
                    zh: "不超过\(threshold.yuanString)元的，每件交纳\(perCase.yuanString)元"))
        } else {
            steps.append(
                FeeStep(en: "up to \(threshold.yuanString): nothing extra", zh: "不超过\(threshold.yuanString)元的部分不另交纳"))
        }
        var lower = threshold
        for band in bands where amount > lower {
            let upper = band.upTo.map { min($0, amount) } ?? amount
            let slice = upper - lower
            let part = FenRational(slice) * FenRational(band.perMille, 1000)
            total = total + part
            let rate = FeeScale.percent(band.perMille)
            steps.append(
                FeeStep(
                    en:
                        "\(lower.yuanString)–\(upper.yuanString) at \(rate): \(slice.yuanString) × \(rate) = "
                        + "\(part.yuanText)",
                    zh:
                        "超过\(lower.yuanString)元至\(upper.yuanString)元的部分，按\(rate)交纳：\(slice.yuanString)×\(rate)＝"
                        + "\(part.yuanText)元"
                ))
            lower = upper
            if band.upTo == nil || upper == amount { break }
        }
        return (total, steps)
    }

    /// "2.5%", "1%", "0.1%".
    static func percent(_ perMille: Int64) -> String {
        perMille % 10 == 0 ? "\(perMille / 10)%" : "\(perMille / 10).\(perMille % 10)%"
    }
}
