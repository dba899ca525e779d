import DocketCore
import Foundation
import Testing

/// The computed Chinese calendar against dates known from the published almanac (and, for 2020–2026, from the
/// State Council's notices): the festivals the statutory holidays follow.
@Suite struct ChineseCalendarTests {
    static let springFestivals = [
        "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29",
        "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03", "2031-01-23",
        "2032-02-11", "2033-01-31", "2034-02-19", "2035-02-08",
    ]
    static let dragonBoats = [
        "2020-06-25", "2021-06-14", "2022-06-03", "2023-06-22", "2024-06-10", "2025-05-31",
        "2026-06-19", "2027-06-09",
    ]
    static let midAutumns = [
        "2020-10-01", "2021-09-21", "2022-09-10", "2023-09-29", "2024-09-17", "2025-10-06",
        "2026-09-25", "2027-09-15",
    ]
    static let qingmings = [
        "2020-04-04", "2021-04-04", "2022-04-05", "2023-04-05", "2024-04-04", "2025-04-04",
        "2026-04-05", "2027-04-05",
    ]

    @Test func festivalsFallOnTheirAlmanacDays() throws {
        for (i, text) in Self.springFestivals.enumerated() {
            #expect(ChineseCalendar.springFestival(2020 + i).description == text)
        }
        for (i, text) in Self.dragonBoats.enumerated() {
            #expect(ChineseCalendar.dragonBoat(2020 + i).description == text)
        }
        for (i, text) in Self.midAutumns.enumerated() {
            #expect(ChineseCalendar.midAutumn(2020 + i).description == text)
        }
        for (i, text) in Self.qingmings.enumerated() { #expect(ChineseCalendar.qingming(2020 + i).description == text) }
    }

    @Test func aYearHasTwelveMonthsOrALeapOne() throws {
        // 2023 had 闰二月, 2025 闰六月, 2028 闰五月; 2024 and 2026 none.
        let leaps = (2023...2028).map { year in ChineseCalendar.months(year).first(where: \.isLeap)?.number }
        #expect(leaps == [2, nil, 6, nil, nil, 5], "\(leaps)")
    }
}

/// Issue 14: an official notice whose fee due date rests on a year without a published arrangement says so, in
/// Chinese only.
@Suite struct ProvisionalNoticeTests {
    @Test func theFeeNoticeMarksAProvisionalDueDate() throws {
        let t = HybridTimestamp(milliseconds: 0)
        let record = CaseRecord(
            uid: "01m90000000000000000000000", title: "甲诉乙", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷",
            claimAmountFen: 10_000_000, claims: "还款", status: .submitted, caseNumber: nil, filedAt: t,
            filedBy: "court-1", updatedAt: t, updatedBy: "court-1")
        let file = CaseFile(record: record, parties: [], documents: [], timeline: [])
        var acceptance = Acceptance(
            caseNumber: try CaseNumber(parsing: "（2026）鲁0102民初1号"), procedure: .ordinary, feeKind: .property,
            fee: try FeeSchedule.standard.quote(FeeRequest(kind: .property, amount: Fen(10_000_000))),
            acceptedOn: try LocalDate(parsing: "2026-12-28"), feeDue: try LocalDate(parsing: "2027-01-04"),
            judge: nil, clerk: nil, clerkPhone: nil, queryCodeHashes: [:], assessmentID: "fx", notices: [])
        #expect(!FilingNotices.acceptanceValues(file, acceptance, courtName: "法院")["fee_due"]!.contains("暂定"))
        acceptance.feeDueProvisional = true
        let due = FilingNotices.acceptanceValues(file, acceptance, courtName: "法院")["fee_due"]!
        #expect(due.hasPrefix("2027年1月4日") && due.contains("暂定"))
        #expect(!due.contains { $0.isASCII && $0.isLetter }, "an official notice is wholly Chinese")
    }
}

/// Issue 14: a deadline that cannot be computed (here: a filing review in a year before the calendar) is kept in
/// the register with its nominal day and the error, never dropped.
@Suite struct UncomputableDeadlineTests {
    @Test func anUncomputableDeadlineIsAnEntryWithItsError() throws {
        let t = HybridTimestamp(milliseconds: 1_546_300_800_000)  // 2019-01-01
        let record = CaseRecord(
            uid: "01m90000000000000000000000", title: "甲诉乙", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷",
            claimAmountFen: 100, claims: "还款", status: .submitted, caseNumber: nil, filedAt: t,
            filedBy: "court-1", updatedAt: t, updatedBy: "court-1")
        let file = CaseFile(record: record, parties: [], documents: [], timeline: [])
        let open = CaseDeadlines.open(in: file, periods: PeriodCalculator(calendar: HolidayCalendarTests.shipped))
        let review = try #require(open.first { $0.name == "filing-review" })
        #expect(review.error?.contains("starts in 2020") == true && review.lastDay.year == 2019)
    }

    /// A period counted in months keeps its nominal day in months (the trial time limit: six months from acceptance).
    @Test func anUncomputableMonthPeriodKeepsItsNominalDayInMonths() throws {
        let t = HybridTimestamp(milliseconds: 1_546_300_800_000)  // 2019-01-01
        var record = CaseRecord(
            uid: "01m90000000000000000000001", title: "甲诉乙", court: "鲁0102", caseType: "civil", cause: "民间借贷纠纷",
            claimAmountFen: 100, claims: "还款", status: .accepted, caseNumber: "（2019）鲁0102民初1号", filedAt: t,
            filedBy: "court-1", updatedAt: t, updatedBy: "court-1")
        record.acceptedOn = "2019-03-04"
        record.procedure = "ordinary"
        let file = CaseFile(record: record, parties: [], documents: [], timeline: [])
        let open = CaseDeadlines.open(in: file, periods: PeriodCalculator(calendar: HolidayCalendarTests.shipped))
        let trial = try #require(open.first { $0.name == "trial-ordinary" })
        let nominal = try LocalDate(parsing: "2019-09-04")
        #expect(trial.error != nil && trial.lastDay == nominal)
    }
}
