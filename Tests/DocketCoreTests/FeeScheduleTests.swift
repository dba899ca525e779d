import Foundation
import Testing

@testable import DocketCore

/// Decree 481 fee rules: every band boundary, halving once, caps, the payment-order third, schedules.
struct FeeScheduleTests {
    let schedule = FeeSchedule.standard

    func fee(
        _ kind: FeeKind, _ yuan: String?, simple: Bool = false, mediated: Bool = false,
        withdrawn: Bool = false, counterclaim: Bool = false
    ) throws -> FeeQuote {
        try schedule.quote(
            FeeRequest(
                kind: kind, amount: try yuan.map { try Fen(parsingYuan: $0) }, simple: simple,
                mediated: mediated, withdrawn: withdrawn, counterclaim: counterclaim))
    }

    // Art. 13(1): each band's upper edge, one fen past it, and half-up rounding of a half fen.
    @Test(
        arguments: [
            ("0.01", 5000), ("10000", 5000), ("10000.01", 5000), ("10000.20", 5001), ("12345.67", 10864),
            ("100000", 230000), ("150000", 330000), ("200000", 430000), ("500000", 880000),
            ("1000000", 1_380_000), ("2000000", 2_280_000), ("5000000", 4_680_000), ("10000000", 8_180_000),
            ("20000000", 14_180_000), ("30000000", 19_180_000),
        ] as [(String, Int64)])
    func propertyBands(amount: String, fen: Int64) throws {
        let quote = try fee(.property, amount)
        #expect(quote.feeFen == fen)
        #expect(quote.fee == Fen(fen).yuanString)
        #expect(quote.minFen == nil && quote.maxFen == nil)
    }

    @Test func knownCheck() throws {
        #expect(try fee(.property, "150000.00").fee == "3300.00")
        #expect(try fee(.property, "150000.00", simple: true).fee == "1650.00")
    }

    // Arts. 15, 16, 18: any combination of grounds halves once.
    @Test(arguments: [
        (true, false, false, false), (false, true, false, false), (false, false, true, false),
        (false, false, false, true),
        (true, true, false, false), (true, false, true, false), (true, true, true, true),
    ])
    func halvesOnce(simple: Bool, mediated: Bool, withdrawn: Bool, counterclaim: Bool) throws {
        let quote = try fee(
            .property, "150000", simple: simple, mediated: mediated, withdrawn: withdrawn, counterclaim: counterclaim)
        #expect(quote.feeFen == 165_000)
        #expect(quote.basis.contains { $0.hasPrefix("Halved for") })
    }

    @Test func roundsOnlyAtTheEnd() throws {
        // 50.005 ÷ 2 = 25.0025 → 25.00; rounding first (50.01 ÷ 2 = 25.005) would give 25.01.
        #expect(try fee(.property, "10000.20", simple: true).feeFen == 2500)
    }

    @Test(
        arguments: [(FeeKind.labor, 1000, 500), (.admin, 5000, 2500), (.adminSpecial, 10000, 5000)]
            as [(FeeKind, Int64, Int64)])
    func fixedAcceptanceFees(kind: FeeKind, full: Int64, halved: Int64) throws {
        #expect(try fee(kind, nil).feeFen == full)
        #expect(try fee(kind, nil, mediated: true).feeFen == halved)
        #expect(try fee(kind, "5000").feeFen == full)
    }

    @Test(arguments: [(FeeKind.publicNotice, 10000), (.arbitration, 40000)] as [(FeeKind, Int64)])
    func fixedApplicationFees(kind: FeeKind, fen: Int64) throws {
        #expect(try fee(kind, nil).feeFen == fen)
    }

    @Test(arguments: [FeeKind.enforcement, .preservation, .paymentOrder, .publicNotice, .arbitration, .bankruptcy])
    func applicationFeesAreNeverHalved(kind: FeeKind) throws {
        #expect(throws: DocketError.self) { try fee(kind, "150000", simple: true) }
    }

    // Ranged kinds: the configured amount, with the legal range as min/max.
    @Test(
        arguments: [
            (FeeKind.divorce, 5000, 5000, 30000), (.personality, 10000, 10000, 50000),
            (.nonProperty, 5000, 5000, 10000),
            (.ip, 50000, 50000, 100000), (.jurisdictionObjection, 5000, 5000, 10000), (.enforcement, 5000, 5000, 50000),
        ] as [(FeeKind, Int64, Int64, Int64)])
    func rangedKinds(kind: FeeKind, fen: Int64, min: Int64, max: Int64) throws {
        let quote = try fee(kind, nil)
        #expect(quote.feeFen == fen)
        #expect(quote.minFen == min)
        #expect(quote.maxFen == max)
    }

    @Test(
        arguments: [("200000", 5000, 5000, 30000), ("200000.01", 5000, 5000, 30000), ("300000", 55000, 55000, 80000)]
            as [(String, Int64, Int64, Int64)])
    func divorceProperty(amount: String, fen: Int64, min: Int64, max: Int64) throws {
        let quote = try fee(.divorce, amount)
        #expect(quote.feeFen == fen)
        #expect(quote.minFen == min && quote.maxFen == max)
    }

    @Test(
        arguments: [("50000", 10000), ("50000.01", 10000), ("100000", 60000), ("200000", 110000)] as [(String, Int64)])
    func personalityDamages(amount: String, fen: Int64) throws {
        #expect(try fee(.personality, amount).feeFen == fen)
    }

    @Test func rangedHalvingHalvesTheRange() throws {
        let quote = try fee(.divorce, nil, simple: true)
        #expect(quote.feeFen == 2500 && quote.minFen == 2500 && quote.maxFen == 15000)
    }

    @Test func ipWithAmountUsesPropertyScale() throws {
        let quote = try fee(.ip, "150000")
        #expect(quote.feeFen == 330_000 && quote.minFen == nil)
    }

    // Art. 14(1)2.
    @Test(
        arguments: [
            ("10000", 5000), ("10000.01", 5000), ("500000", 740_000), ("5000000", 5_240_000),
            ("10000000", 7_740_000), ("20000000", 8_740_000),
        ] as [(String, Int64)])
    func enforcementBands(amount: String, fen: Int64) throws {
        #expect(try fee(.enforcement, amount).feeFen == fen)
    }

    // Art. 14(2), at most 5,000 yuan.
    @Test(
        arguments: [
            (nil, 3000), ("0", 3000), ("1000", 3000), ("1000.01", 3000), ("100000", 102_000),
            ("895999.99", 500_000), ("896000", 500_000), ("1000000", 500_000), ("100000000", 500_000),
        ] as [(String?, Int64)])
    func preservationBandsAndCap(amount: String?, fen: Int64) throws {
        #expect(try fee(.preservation, amount).feeFen == fen)
    }

    @Test func preservationCapIsExplained() throws {
        #expect(try fee(.preservation, "1000000").basis.contains { $0.hasPrefix("Capped") })
    }

    // Art. 14(3): one third of the property fee.
    @Test(
        arguments: [("10000", 1667), ("150000", 110_000), ("200000", 143_333), ("10000000", 2_726_667)]
            as [(String, Int64)])
    func paymentOrderThird(amount: String, fen: Int64) throws {
        #expect(try fee(.paymentOrder, amount).feeFen == fen)
    }

    // Art. 14(6): half the property scale, at most 300,000 yuan.
    @Test(
        arguments: [("10000", 2500), ("20000000", 7_090_000), ("111640000", 30_000_000), ("500000000", 30_000_000)]
            as [(String, Int64)])
    func bankruptcyHalfWithCap(amount: String, fen: Int64) throws {
        #expect(try fee(.bankruptcy, amount).feeFen == fen)
    }

    @Test(arguments: [FeeKind.property, .paymentOrder, .bankruptcy])
    func amountRequired(kind: FeeKind) throws {
        #expect(throws: DocketError.self) { try fee(kind, nil) }
        #expect(throws: DocketError.self) { try fee(kind, "0") }
    }

    @Test func refusesNegativeAndHugeAmounts() throws {
        #expect(throws: DocketError.self) { try schedule.quote(FeeRequest(kind: .property, amount: Fen(-100))) }
        #expect(throws: DocketError.self) {
            try schedule.quote(FeeRequest(kind: .property, amount: Fen(1_000_000_000_000_001)))
        }
        #expect(throws: DocketError.self) { try Fen(parsingYuan: "1.234") }
    }

    @Test(arguments: FeeExemption.allCases)
    func article8Exemptions(exemption: FeeExemption) throws {
        let quote = try schedule.quote(FeeRequest(kind: .property, amount: .yuan(150_000), exemption: exemption))
        #expect(quote.feeFen == 0)
        #expect(throws: DocketError.self) {
            try schedule.quote(FeeRequest(kind: .preservation, amount: .yuan(1000), exemption: exemption))
        }
    }

    @Test func prepaidExceptEnforcementAndBankruptcy() {
        for kind in FeeKind.allCases {
            #expect(kind.isPrepaid == !(kind == .enforcement || kind == .bankruptcy))
        }
    }

    @Test func rawValuesMatchTheCommandLine() {
        #expect(
            FeeKind.allCases.map(\.rawValue) == [
                "property", "divorce", "personality", "non-property", "ip", "labor", "admin-special", "admin",
                "jurisdiction-objection", "enforcement", "preservation", "payment-order", "public-notice",
                "arbitration", "bankruptcy",
            ])
    }

    // MARK: - Schedules

    @Test func scheduleDecodesWithDefaults() throws {
        let json = #"{"name": "山东省", "divorce": "200", "personality": 300}"#
        let custom = try JSONDecoder().decode(FeeSchedule.self, from: Data(json.utf8))
        #expect(custom.name == "山东省")
        #expect(custom.divorce == .yuan(200) && custom.personality == .yuan(300))
        #expect(custom.ip == FeeSchedule.standard.ip)
        try custom.validate()
        let quote = try custom.quote(FeeRequest(kind: .divorce))
        #expect(quote.feeFen == 20000 && quote.minFen == 5000 && quote.maxFen == 30000)
    }

    @Test func scheduleRoundTrips() throws {
        let data = try JSONEncoder().encode(FeeSchedule.standard)
        #expect(try JSONDecoder().decode(FeeSchedule.self, from: data) == FeeSchedule.standard)
    }

    @Test(arguments: [
        #"{"divorce": "301"}"#, #"{"ip": 499}"#, #"{"enforcement": "500.01"}"#, #"{"non-property": "49.99"}"#,
    ])
    func scheduleOutOfRangeIsRefused(json: String) throws {
        let custom = try JSONDecoder().decode(FeeSchedule.self, from: Data(json.utf8))
        #expect(throws: DocketError.self) { try custom.validate() }
        #expect(throws: DocketError.self) { try custom.quote(FeeRequest(kind: .labor)) }
    }

    @Test(arguments: [#"{"divorse": "200"}"#, #"{"divorce": "2.001"}"#, #"{"divorce": 200.5}"#, #"{"divorce": true}"#])
    func scheduleBadJSONIsRefused(json: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(FeeSchedule.self, from: Data(json.utf8)) }
    }

    @Test func quoteJSONAlwaysHasMinAndMax() throws {
        let data = try JSONEncoder().encode(try fee(.property, "150000"))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(object["minFen"] is NSNull && object["maxFen"] is NSNull)
        #expect(object["fee"] as? String == "3300.00")
        #expect(object["feeFen"] as? Int == 330_000)
    }

    // MARK: - Lifecycle (arts. 22, 27, 53)

    static let periods: PeriodCalculator = {
        PeriodCalculator(calendar: try! HolidayCalendar(json: HolidayCalendarTests.shippedCalendarData()))
    }()

    @Test func feeNoticeDueSevenDaysAfterService() throws {
        // Served Thu 2024-09-26: counting from 9-27, day 7 is 10-03 (国庆节) → 10-08.
        #expect(
            try FeeNotice.dueDate(servedOn: try LocalDate(parsing: "2024-09-26"), periods: Self.periods).lastDay
                .description == "2024-10-08")
        #expect(
            try FeeNotice.dueDate(servedOn: try LocalDate(parsing: "2024-03-04"), periods: Self.periods).lastDay
                .description == "2024-03-11")
    }

    @Test(
        arguments: [
            (RefundReason.withdrawn, 330_000, false, 0, 165_000), (.mediated, 330_001, false, 0, 165_000),
            (.withdrawn, 165_000, true, 0, 0), (.notAccepted, 330_000, false, 0, 330_000),
            (.dismissed, 330_000, false, 0, 330_000), (.remanded, 330_000, false, 200_000, 200_000),
        ] as [(RefundReason, Int64, Bool, Int64, Int64)])
    func refunds(reason: RefundReason, paid: Int64, halved: Bool, second: Int64, expected: Int64) throws {
        let refund = try RefundRule.refund(
            for: reason, paid: Fen(paid), alreadyHalved: halved, secondInstancePaid: Fen(second),
            effectiveOn: try LocalDate(parsing: "2024-05-06"), periods: Self.periods)
        #expect(refund.amount == Fen(expected))
        #expect(refund.dueBy.description == "2024-05-21")
    }

    @Test func remandNeedsTheSecondInstanceFee() {
        #expect(throws: DocketError.self) {
            try RefundRule.refund(
                for: .remanded, paid: .yuan(100), effectiveOn: try LocalDate(parsing: "2024-05-06"),
                periods: Self.periods)
        }
    }
}
