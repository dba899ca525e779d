extension FeeSchedule {
    /// The largest amount Docket computes a fee on: 10 trillion yuan (keeps the exact arithmetic in Int64).
    public static let maximumAmount = Fen(1_000_000_000_000_000)

    /// The fee for `request` under Decree 481 and this province's ranged amounts.
    ///
    /// Arithmetic is exact in fractions of a fen and rounded half-up to the fen once, at the end.
    /// Halving (mediation, withdrawal — art. 15; simple procedure — art. 16; counterclaim — art. 18)
    /// applies once however many grounds are present, and only to acceptance fees (art. 13); asking to
    /// halve an application fee (art. 14) is an error. Art. 8 exemptions give a zero fee.
    /// Throws for a missing or negative amount, an amount over `maximumAmount`, or a schedule out of range.
    public func quote(_ request: FeeRequest) throws -> FeeQuote {
        try validate()
        let kind = request.kind
        if let amount = request.amount {
            guard amount >= .zero else {
                throw DocketError("The amount \(amount.yuanString) is negative; amounts are positive yuan.")
            }
            guard amount <= FeeSchedule.maximumAmount else {
                throw DocketError("The amount \(amount.yuanString) is above the largest amount Docket computes fees on (\(FeeSchedule.maximumAmount.yuanString) yuan).")
            }
        }
        let grounds = request.halvingGrounds
        if !grounds.isEmpty && !kind.isAcceptanceFee {
            throw DocketError("Halving under arts. 15, 16 and 18 applies to case acceptance fees only; \(kind.rawValue) is an application fee (art. 14) and is never halved.")
        }
        if let exemption = request.exemption {
            guard kind.isAcceptanceFee else {
                throw DocketError("The art. 8 exemptions concern case acceptance fees; \(kind.rawValue) is an application fee (art. 14).")
            }
            return FeeQuote(kind: kind.rawValue, feeFen: 0, minFen: nil, maxFen: nil,
                            basis: ["\(kind.chineseName): no acceptance fee is charged (Decree 481 \(exemption.basis))."])
        }

        var computation = try compute(kind: kind, amount: request.amount)
        if !grounds.isEmpty {
            let half = FenRational(1, 2)
            let before = computation.fee
            computation.fee = before * half
            computation.range = computation.range.map { ($0.0 * half, $0.1 * half) }
            let list = grounds.count == 1 ? grounds[0] : grounds.dropLast().joined(separator: ", ") + " and " + grounds.last!
            let once = grounds.count > 1 ? " — halved once only, not once per ground" : ""
            computation.steps.append("Halved for \(list)\(once): \(before.yuanText) ÷ 2 = \(computation.fee.yuanText).")
        }
        let fee = computation.fee.roundedFen
        let exact = computation.fee == FenRational(fee)
        computation.steps.append("Fee: \(fee.yuanString) yuan\(exact ? "" : ", rounded half-up to the fen").")
        if !kind.isPrepaid {
            computation.steps.append(kind == .enforcement
                ? "Not prepaid: the enforcement fee is paid after enforcement (art. 20)."
                : "Not prepaid: the bankruptcy fee is paid after liquidation (art. 20).")
        }
        return FeeQuote(kind: kind.rawValue, feeFen: fee.value,
                        minFen: computation.range.map { $0.0.roundedFen.value },
                        maxFen: computation.range.map { $0.1.roundedFen.value },
                        basis: computation.steps)
    }

    private struct Computation {
        var fee: FenRational
        var range: (FenRational, FenRational)?
        var steps: [String]
    }

    private func compute(kind: FeeKind, amount: Fen?) throws -> Computation {
        let positive = amount.flatMap { $0 > .zero ? $0 : nil }
        switch kind {
        case .property:
            let claim = try required(positive, kind, "the claim")
            return scaled(.property, claim, "\(kind.chineseName) — property case, claim \(claim.yuanString) yuan, cumulative bands (art. 13(1)):")
        case .divorce:
            return ranged(kind, "divorce case (art. 13(2)1)", surcharge: amount.map {
                ($0, FeeScale.divorceProperty, "property of \($0.yuanString) yuan: 0.5% on the part above 200000.00 (art. 13(2)1)")
            })
        case .personality:
            return ranged(kind, "personality-rights case (art. 13(2)2)", surcharge: amount.map {
                ($0, FeeScale.personalityDamages, "damages of \($0.yuanString) yuan: 1% on 50000.00–100000.00, 0.5% above (art. 13(2)2)")
            })
        case .nonProperty:
            return ignoring(amount, ranged(kind, "other non-property case (art. 13(2)3)", surcharge: nil))
        case .ip:
            if let value = positive {
                return scaled(.property, value, "\(kind.chineseName) — IP case with \(value.yuanString) yuan in dispute: property-case bands (art. 13(3), art. 13(1)):")
            }
            return ranged(kind, "IP case with no amount in dispute (art. 13(3))", surcharge: nil)
        case .labor:
            return ignoring(amount, fixed(kind, .yuan(10), "labour dispute, per case (art. 13(4))"))
        case .adminSpecial:
            return ignoring(amount, fixed(kind, .yuan(100), "trademark, patent or maritime administrative case, per case (art. 13(5)1)"))
        case .admin:
            return ignoring(amount, fixed(kind, .yuan(50), "administrative case, per case (art. 13(5)2)"))
        case .jurisdictionObjection:
            return ignoring(amount, ranged(kind, "failed jurisdiction objection, per objection (art. 13(6))", surcharge: nil))
        case .enforcement:
            if let value = positive {
                return scaled(.enforcement, value, "\(kind.chineseName) — enforcement of \(value.yuanString) yuan, cumulative bands (art. 14(1)2):")
            }
            return ranged(kind, "enforcement with no amount (art. 14(1)1)", surcharge: nil)
        case .preservation:
            let value = amount ?? .zero
            var result = scaled(.preservation, value, "\(kind.chineseName) — preservation of \(value.yuanString) yuan, cumulative bands (art. 14(2)):")
            let cap = FenRational(.yuan(5000))
            if cap < result.fee {
                result.steps.append("Capped: a preservation fee is at most 5000.00 yuan (art. 14(2)); \(result.fee.yuanText) → 5000.00.")
                result.fee = cap
            }
            return result
        case .paymentOrder:
            let claim = try required(positive, kind, "the claim")
            var result = scaled(.property, claim, "\(kind.chineseName) — payment order on \(claim.yuanString) yuan: one third of the property-case fee (art. 14(3)):")
            let before = result.fee
            result.fee = before * FenRational(1, 3)
            result.steps.append("One third: \(before.yuanText) ÷ 3 = \(result.fee.yuanText) (art. 14(3)).")
            return result
        case .publicNotice:
            return ignoring(amount, fixed(kind, .yuan(100), "public notice for assertion of claims, per case (art. 14(4))"))
        case .arbitration:
            return ignoring(amount, fixed(kind, .yuan(400), "setting aside an arbitral award or confirming an arbitration agreement, per case (art. 14(5))"))
        case .bankruptcy:
            let estate = try required(positive, kind, "the bankruptcy estate")
            var result = scaled(.property, estate, "\(kind.chineseName) — bankruptcy estate of \(estate.yuanString) yuan: half the property-case fee, at most 300000.00 (art. 14(6)):")
            let before = result.fee
            result.fee = before * FenRational(1, 2)
            result.steps.append("Half: \(before.yuanText) ÷ 2 = \(result.fee.yuanText) (art. 14(6)).")
            let cap = FenRational(.yuan(300_000))
            if cap < result.fee {
                result.steps.append("Capped: a bankruptcy fee is at most 300000.00 yuan (art. 14(6)); \(result.fee.yuanText) → 300000.00.")
                result.fee = cap
            }
            return result
        }
    }

    private func required(_ amount: Fen?, _ kind: FeeKind, _ what: String) throws -> Fen {
        guard let amount else {
            throw DocketError("A \(kind.rawValue) fee is computed on \(what); give the amount in yuan (e.g. --amount 150000.00), greater than zero.")
        }
        return amount
    }

    private func scaled(_ scale: FeeScale, _ amount: Fen, _ heading: String) -> Computation {
        let (fee, lines) = scale.apply(to: amount)
        return Computation(fee: fee, range: nil, steps: [heading] + lines.map { "  " + $0 } + ["Scale total: \(fee.yuanText)."])
    }

    private func fixed(_ kind: FeeKind, _ amount: Fen, _ what: String) -> Computation {
        Computation(fee: FenRational(amount), range: nil, steps: ["\(kind.chineseName) — \(what): \(amount.yuanString)."])
    }

    private func ranged(_ kind: FeeKind, _ what: String, surcharge: (Fen, FeeScale, String)?) -> Computation {
        let configured = configuredAmount(for: kind)!
        let range = FeeSchedule.legalRange(for: kind)!
        var steps = ["\(kind.chineseName) — \(what): \(configured.yuanString) per case, as set by the \(name) schedule within the legal range \(range.lowerBound.yuanString)–\(range.upperBound.yuanString) (art. 13, last paragraph)."]
        var extra = FenRational.zero
        if let (amount, scale, heading) = surcharge {
            let (fee, lines) = scale.apply(to: amount)
            extra = fee
            steps.append("Plus, on \(heading):")
            steps += lines.map { "  " + $0 }
            steps.append("Surcharge: \(fee.yuanText).")
        }
        let total = FenRational(configured) + extra
        if surcharge != nil { steps.append("Per-case amount plus surcharge: \(total.yuanText).") }
        return Computation(fee: total, range: (FenRational(range.lowerBound) + extra, FenRational(range.upperBound) + extra), steps: steps)
    }

    private func ignoring(_ amount: Fen?, _ computation: Computation) -> Computation {
        guard let amount, amount > .zero else { return computation }
        var result = computation
        result.steps.append("The amount \(amount.yuanString) does not affect this fee.")
        return result
    }
}
