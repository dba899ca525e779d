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
                throw DocketError(
                    .invalidInput, key: "fee.amount-negative", zh: "金额\(amount.yuanString)为负数，"
                        + "金额应为正数（单位：元）。",
                    en: "The amount \(amount.yuanString) is negative; amounts are positive yuan.")
            }
            guard amount <= FeeSchedule.maximumAmount else {
                throw DocketError(
                    .invalidInput, key: "fee.amount-too-large",
                    zh: "金额\(amount.yuanString)超过 Docket "
                        + "可计算诉讼费的最高金额（\(FeeSchedule.maximumAmount.yuanString)元）。",
                    en:
                        "The amount \(amount.yuanString) is above the largest amount Docket computes fees on "
                        + "(\(FeeSchedule.maximumAmount.yuanString) yuan)."
                )
            }
        }
        let grounds = request.halvingGrounds
        if !grounds.isEmpty && !kind.isAcceptanceFee {
            throw DocketError(
                .invalidInput, key: "fee.halving-acceptance-only",
                zh: "依《诉讼费用交纳办法》第十五条、第十六条、第十八条减半交纳仅适用于案件受理费；"
                    + "\(kind.rawValue)属于申请费（第十四条），不予减半。",
                en:
                    "Halving under arts. 15, 16 and 18 applies to case acceptance fees only; \(kind.rawValue) is an "
                    + "application fee (art. 14) and is never halved."
            )
        }
        if let exemption = request.exemption {
            guard kind.isAcceptanceFee else {
                throw DocketError(
                    .invalidInput, key: "fee.exemption-acceptance-only",
                    zh: "第八条规定的免交情形仅适用于案件受理费；\(kind.rawValue)属于申请费（第十四条）。",
                    en:
                        "The art. 8 exemptions concern case acceptance fees; \(kind.rawValue) is an application fee "
                        + "(art. 14)."
                )
            }
            return FeeQuote(
                kind: kind.rawValue, feeFen: 0, minFen: nil, maxFen: nil,
                steps: [
                    FeeStep(
                        en: "\(kind.chineseName): no acceptance fee is charged (Decree 481 \(exemption.basis)).",
                        zh: "\(kind.chineseName)：不交纳案件受理费（《诉讼费用交纳办法》\(exemption.chineseBasis)）。")
                ])
        }

        var computation = try compute(kind: kind, amount: request.amount)
        if !grounds.isEmpty {
            let half = FenRational(1, 2)
            let before = computation.fee
            computation.fee = before * half
            computation.range = computation.range.map { ($0.0 * half, $0.1 * half) }
            let en = grounds.map(\.en), zh = grounds.map(\.zh)
            let list = en.count == 1 ? en[0] : en.dropLast().joined(separator: ", ") + " and " + en.last!
            let once = grounds.count > 1
            computation.steps.append(
                FeeStep(
                    en:
                        "Halved for \(list)\(once ? " — halved once only, not once per ground" : ""): "
                        + "\(before.yuanText) ÷ 2 = \(computation.fee.yuanText).",
                    zh:
                        "\(zh.joined(separator: "、"))，减半交纳\(once ? "（多项事由只减半一次）" : "")："
                        + "\(before.yuanText)÷2＝\(computation.fee.yuanText)元。"
                ))
        }
        let fee = computation.fee.roundedFen
        let exact = computation.fee == FenRational(fee)
        computation.steps.append(
            FeeStep(
                en: "Fee: \(fee.yuanString) yuan\(exact ? "" : ", rounded half-up to the fen").",
                zh: "应交纳\(fee.yuanString)元\(exact ? "" : "（四舍五入至分）")。"))
        if !kind.isPrepaid {
            computation.steps.append(
                kind == .enforcement
                    ? FeeStep(
                        en: "Not prepaid: the enforcement fee is paid after enforcement (art. 20).",
                        zh: "申请执行费不预交，执行后交纳（第二十条）。")
                    : FeeStep(
                        en: "Not prepaid: the bankruptcy fee is paid after liquidation (art. 20).",
                        zh: "破产案件申请费不预交，清算后交纳（第二十条）。"))
        }
        return FeeQuote(
            kind: kind.rawValue, feeFen: fee.value,
            minFen: computation.range.map { $0.0.roundedFen.value },
            maxFen: computation.range.map { $0.1.roundedFen.value },
            steps: computation.steps)
    }

    private struct Computation {
        var fee: FenRational
        var range: (FenRational, FenRational)?
        var steps: [FeeStep]
    }

    private func compute(kind: FeeKind, amount: Fen?) throws -> Computation {
        let positive = amount.flatMap { $0 > .zero ? $0 : nil }
        let name = kind.chineseName
        switch kind {
        case .property:
            let claim = try required(positive, kind, "the claim")
            return scaled(
                .property, claim,
                FeeStep(
                    en: "\(name) — property case, claim \(claim.yuanString) yuan, cumulative bands (art. 13(1)):",
                    zh: "\(name)：财产案件，诉讼请求金额\(claim.yuanString)元，"
                        + "分段累计交纳（《诉讼费用交纳办法》第十三条第一项）："))
        case .divorce:
            return ranged(
                kind, FeeStep(en: "divorce case (art. 13(2)1)", zh: "离婚案件（第十三条第二项第1目）"),
                surcharge: amount.map {
                    (
                        $0, FeeScale.divorceProperty,
                        FeeStep(
                            en: "property of \($0.yuanString) yuan: 0.5% on the part above 200000.00 (art. 13(2)1)",
                            zh: "财产总额\($0.yuanString)元，超过200000.00元的部分按0.5%交纳（第十三条第二项第1目）")
                    )
                })
        case .personality:
            return ranged(
                kind, FeeStep(en: "personality-rights case (art. 13(2)2)", zh: "侵害人格权案件（第十三条第二项第2目）"),
                surcharge: amount.map {
                    (
                        $0, FeeScale.personalityDamages,
                        FeeStep(
                            en: "damages of \($0.yuanString) yuan: 1% on 50000.00–100000.00, 0.5% above (art. 13(2)2)",
                            zh:
                                "损害赔偿\($0.yuanString)元，超过50000.00元至100000.00元的部分按1%交纳，"
                                + "超过100000.00元的部分按0.5%交纳（第十三条第二项第2目）"
                        )
                    )
                })
        case .nonProperty:
            return ignoring(
                amount,
                ranged(
                    kind, FeeStep(en: "other non-property case (art. 13(2)3)", zh: "其他非财产案件（第十三条第二项第3目）"),
                    surcharge: nil))
        case .ip:
            if let value = positive {
                return scaled(
                    .property, value,
                    FeeStep(
                        en:
                            "\(name) — IP case with \(value.yuanString) yuan in dispute: property-case bands (art. "
                            + "13(3), art. 13(1)):",
                        zh: "\(name)：有争议金额\(value.yuanString)元的知识产权民事案件，"
                            + "按财产案件标准交纳（第十三条第三项、第一项）："))
            }
            return ranged(
                kind, FeeStep(en: "IP case with no amount in dispute (art. 13(3))", zh: "没有争议金额的知识产权民事案件（第十三条第三项）"),
                surcharge: nil)
        case .labor:
            return ignoring(
                amount,
                fixed(kind, .yuan(10), FeeStep(en: "labour dispute, per case (art. 13(4))", zh: "劳动争议案件，"
                    + "每件（第十三条第四项）")))
        case .adminSpecial:
            return ignoring(
                amount,
                fixed(
                    kind, .yuan(100),
                    FeeStep(
                        en: "trademark, patent or maritime administrative case, per case (art. 13(5)1)",
                        zh: "商标、专利、海事行政案件，每件（第十三条第五项第1目）")))
        case .admin:
            return ignoring(
                amount,
                fixed(
                    kind, .yuan(50),
                    FeeStep(en: "administrative case, per case (art. 13(5)2)", zh: "其他行政案件，"
                        + "每件（第十三条第五项第2目）")))
        case .jurisdictionObjection:
            return ignoring(
                amount,
                ranged(
                    kind,
                    FeeStep(
                        en: "failed jurisdiction objection, per objection (art. 13(6))",
                        zh: "当事人提出管辖权异议，异议不成立的，每件（第十三条第六项）"), surcharge: nil))
        case .enforcement:
            if let value = positive {
                return scaled(
                    .enforcement, value,
                    FeeStep(
                        en: "\(name) — enforcement of \(value.yuanString) yuan, cumulative bands (art. 14(1)2):",
                        zh: "\(name)：申请执行金额\(value.yuanString)元，分段累计交纳（第十四条第一项第2目）："))
            }
            return ranged(
                kind, FeeStep(en: "enforcement with no amount (art. 14(1)1)", zh: "没有执行金额或者价额的（第十四条第一项第1目）"),
                surcharge: nil)
        case .preservation:
            let value = amount ?? .zero
            var result = scaled(
                .preservation, value,
                FeeStep(
                    en: "\(name) — preservation of \(value.yuanString) yuan, cumulative bands (art. 14(2)):",
                    zh: "\(name)：申请保全财产数额\(value.yuanString)元，分段累计交纳（第十四条第二项）："))
            let cap = FenRational(.yuan(5000))
            if cap < result.fee {
                result.steps.append(
                    FeeStep(
                        en:
                            "Capped: a preservation fee is at most 5000.00 yuan (art. 14(2)); \(result.fee.yuanText) → "
                            + "5000.00.",
                        zh: "申请保全费最多不超过5000.00元（第十四条第二项）：\(result.fee.yuanText)元按5000.00元交纳。"))
                result.fee = cap
            }
            return result
        case .paymentOrder:
            let claim = try required(positive, kind, "the claim")
            var result = scaled(
                .property, claim,
                FeeStep(
                    en:
                        "\(name) — payment order on \(claim.yuanString) yuan: one third of the property-case fee "
                        + "(art. 14(3)):",
                    zh: "\(name)：申请支付令，请求金额\(claim.yuanString)元，"
                        + "比照财产案件受理费标准的三分之一交纳（第十四条第三项）："))
            let before = result.fee
            result.fee = before * FenRational(1, 3)
            result.steps.append(
                FeeStep(
                    en: "One third: \(before.yuanText) ÷ 3 = \(result.fee.yuanText) (art. 14(3)).",
                    zh: "三分之一：\(before.yuanText)÷3＝\(result.fee.yuanText)元（第十四条第三项）。"))
            return result
        case .publicNotice:
            return ignoring(
                amount,
                fixed(
                    kind, .yuan(100),
                    FeeStep(
                        en: "public notice for assertion of claims, per case (art. 14(4))",
                        zh: "申请公示催告，每件（第十四条第四项）")))
        case .arbitration:
            return ignoring(
                amount,
                fixed(
                    kind, .yuan(400),
                    FeeStep(
                        en:
                            "setting aside an arbitral award or confirming an arbitration agreement, per case "
                            + "(art. 14(5))",
                        zh: "申请撤销仲裁裁决或者认定仲裁协议效力，每件（第十四条第五项）")))
        case .bankruptcy:
            let estate = try required(positive, kind, "the bankruptcy estate")
            var result = scaled(
                .property, estate,
                FeeStep(
                    en:
                        "\(name) — bankruptcy estate of \(estate.yuanString) yuan: half the property-case fee, at most "
                        + "300000.00 (art. 14(6)):",
                    zh: "\(name)：破产财产总额\(estate.yuanString)元，按财产案件受理费标准减半交纳，"
                        + "最高不超过300000.00元（第十四条第六项）："))
            let before = result.fee
            result.fee = before * FenRational(1, 2)
            result.steps.append(
                FeeStep(
                    en: "Half: \(before.yuanText) ÷ 2 = \(result.fee.yuanText) (art. 14(6)).",
                    zh: "减半：\(before.yuanText)÷2＝\(result.fee.yuanText)元（第十四条第六项）。"))
            let cap = FenRational(.yuan(300_000))
            if cap < result.fee {
                result.steps.append(
                    FeeStep(
                        en:
                            "Capped: a bankruptcy fee is at most 300000.00 yuan (art. 14(6)); \(result.fee.yuanText) → "
                            + "300000.00.",
                        zh: "最高不超过300000.00元（第十四条第六项）：\(result.fee.yuanText)元按300000.00元交纳。"))
                result.fee = cap
            }
            return result
        }
    }

    private func required(_ amount: Fen?, _ kind: FeeKind, _ what: String) throws -> Fen {
        guard let amount else {
            throw DocketError(
                .invalidInput, key: "fee.amount-required",
                zh: "\(kind.rawValue)费用按\(what)计算，请填写大于零的金额（单位：元，如 --amount 150000.00）。",
                en:
                    "A \(kind.rawValue) fee is computed on \(what); give the amount in yuan (e.g. --amount 150000.00), "
                    + "greater than zero."
            )
        }
        return amount
    }

    private func scaled(_ scale: FeeScale, _ amount: Fen, _ heading: FeeStep) -> Computation {
        let (fee, lines) = scale.apply(to: amount)
        return Computation(
            fee: fee, range: nil,
            steps: [heading] + lines.map(\.indented) + [
                FeeStep(en: "Scale total: \(fee.yuanText).", zh: "合计\(fee.yuanText)元。")
            ])
    }

    private func fixed(_ kind: FeeKind, _ amount: Fen, _ what: FeeStep) -> Computation {
        Computation(
            fee: FenRational(amount), range: nil,
            steps: [
                FeeStep(
                    en: "\(kind.chineseName) — \(what.en): \(amount.yuanString).",
                    zh: "\(kind.chineseName)：\(what.zh)交纳\(amount.yuanString)元。")
            ])
    }

    private func ranged(_ kind: FeeKind, _ what: FeeStep, surcharge: (Fen, FeeScale, FeeStep)?) -> Computation {
        let configured = configuredAmount(for: kind)!
        let range = FeeSchedule.legalRange(for: kind)!
        var steps = [
            FeeStep(
                en:
                    "\(kind.chineseName) — \(what.en): \(configured.yuanString) per case, as set by the \(name) "
                    + "schedule within the legal range "
                    + "\(range.lowerBound.yuanString)–\(range.upperBound.yuanString) (art. 13, last paragraph).",
                zh:
                    "\(kind.chineseName)：\(what.zh)，每件交纳\(configured.yuanString)元（在法定幅度\(range.lowerBound.yuanString)元至"
                    + "\(range.upperBound.yuanString)元内确定，第十三条末款）。"
            )
        ]
        var extra = FenRational.zero
        if let (amount, scale, heading) = surcharge {
            let (fee, lines) = scale.apply(to: amount)
            extra = fee
            steps.append(FeeStep(en: "Plus, on \(heading.en):", zh: "另就\(heading.zh)："))
            steps += lines.map(\.indented)
            steps.append(FeeStep(en: "Surcharge: \(fee.yuanText).", zh: "加收\(fee.yuanText)元。"))
        }
        let total = FenRational(configured) + extra
        if surcharge != nil {
            steps.append(
                FeeStep(en: "Per-case amount plus surcharge: \(total.yuanText).", zh: "每件金额与加收部分合计\(total.yuanText)元。"))
        }
        return Computation(
            fee: total, range: (FenRational(range.lowerBound) + extra, FenRational(range.upperBound) + extra),
            steps: steps)
    }

    private func ignoring(_ amount: Fen?, _ computation: Computation) -> Computation {
        guard let amount, amount > .zero else { return computation }
        var result = computation
        result.steps.append(
            FeeStep(
                en: "The amount \(amount.yuanString) does not affect this fee.", zh: "金额\(amount.yuanString)元不影响本项费用。"))
        return result
    }
}
