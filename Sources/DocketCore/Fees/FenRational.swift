/// An exact fraction of a fen, used while a fee is being computed.
///
/// Decree 481 rates (2.5%, 0.9%...), the payment-order third and the halving rules produce fractions of a
/// fen; keeping them exact and rounding once at the end avoids the drift that intermediate rounding or
/// floating point would cause. Denominators stay small (at most 1000 × 3 × 2), and amounts are capped at
/// 10^15 fen before computing, so Int64 never overflows.
struct FenRational: Equatable, Sendable {
    /// Numerator in fen; the value is `numerator / denominator` fen.
    let numerator: Int64
    /// Always positive and coprime with `numerator`.
    let denominator: Int64

    init(_ numerator: Int64, _ denominator: Int64 = 1) {
        precondition(denominator != 0, "zero denominator")
        let sign: Int64 = denominator < 0 ? -1 : 1
        let divisor = FenRational.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int64(divisor)
        self.denominator = sign * denominator / Int64(divisor)
    }

    init(_ fen: Fen) { self.init(fen.value) }

    static let zero = FenRational(0)

    static func + (a: FenRational, b: FenRational) -> FenRational {
        let divisor = Int64(gcd(a.denominator.magnitude, b.denominator.magnitude))
        let lcm = a.denominator / divisor * b.denominator
        return FenRational(a.numerator * (lcm / a.denominator) + b.numerator * (lcm / b.denominator), lcm)
    }

    static func * (a: FenRational, b: FenRational) -> FenRational {
        // Cross-reduce first so the products stay small.
        let g1 = Int64(gcd(a.numerator.magnitude, b.denominator.magnitude))
        let g2 = Int64(gcd(b.numerator.magnitude, a.denominator.magnitude))
        return FenRational((a.numerator / g1) * (b.numerator / g2), (a.denominator / g2) * (b.denominator / g1))
    }

    static func < (a: FenRational, b: FenRational) -> Bool {
        a.numerator * b.denominator < b.numerator * a.denominator
    }

    /// Rounded half-up to a whole fen (for the non-negative amounts fees are).
    var roundedFen: Fen {
        Fen((2 * numerator + denominator) / (2 * denominator))
    }

    /// Yuan with at least two decimals, exact when the fraction terminates within six decimals
    /// ("2250.00", "16.666666…").
    var yuanText: String {
        let negative = numerator < 0
        let num = numerator.magnitude
        let den = denominator.magnitude * 100
        var text = "\(negative ? "-" : "")\(num / den)."
        var remainder = num % den
        var digits = 0
        while digits < 2 || (remainder != 0 && digits < 6) {
            remainder *= 10
            text += String(remainder / den)
            remainder %= den
            digits += 1
        }
        return remainder == 0 ? text : text + "…"
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }
}
