import Foundation
import Testing

@testable import DocketCore

/// 案号 parsing, canonical form and the reference tables.
struct CaseNumberTests {
    @Test(
        arguments: [
            ("（2020）鲁0102民初1234号", 2020, "鲁0102", nil, "民初", 1234),
            ("(2020)鲁0102民初1234号", 2020, "鲁0102", nil, "民初", 1234),
            ("（2020)鲁0102民初1234号", 2020, "鲁0102", nil, "民初", 1234),
            (" （２０２０）鲁０１０２民初１２３４号 ", 2020, "鲁0102", nil, "民初", 1234),
            ("（2019）最高法知民终1号", 2019, "最高法", "知", "民终", 1),
            ("(2023)鲁01知民初8号", 2023, "鲁01", "知", "民初", 8),
            ("（2023）鲁01民终56号", 2023, "鲁01", nil, "民终", 56),
            ("（2021）鲁执恢3号", 2021, "鲁", nil, "执恢", 3),
            ("（2024）鲁0103执保12号", 2024, "鲁0103", nil, "执保", 12),
            ("（2022）鲁02破申7号", 2022, "鲁02", nil, "破申", 7),
            ("（2022）鲁02破7号", 2022, "鲁02", nil, "破", 7),
            ("（2024）鲁0102民辖终9号", 2024, "鲁0102", nil, "民辖终", 9),
            ("（2020）鲁0103刑核12345678号", 2020, "鲁0103", nil, "刑核", 12_345_678),
            ("（2024）京民再100号", 2024, "京", nil, "民再", 100),
        ] as [(String, Int, String, String?, String, Int)])
    func parses(text: String, year: Int, court: String, special: String?, type: String, serial: Int) throws {
        let number = try CaseNumber(parsing: text)
        #expect(number.year == year)
        #expect(number.court == court)
        #expect(number.special == special)
        #expect(number.type == type)
        #expect(number.serial == serial)
        #expect(number.canonical.hasPrefix("（\(year)）") && number.canonical.hasSuffix("号"))
        #expect(try CaseNumber(parsing: number.canonical) == number)
    }

    @Test func canonicalUsesFullWidthBrackets() throws {
        #expect(try CaseNumber(parsing: "(2020)鲁0102民初1234号").canonical == "（2020）鲁0102民初1234号")
        #expect(try CaseNumber(parsing: "(2019)最高法知民终1号").canonical == "（2019）最高法知民终1号")
    }

    // Each kind of invalid input, with a word the message must contain.
    @Test(arguments: [
        ("", "required"),
        ("2020鲁0102民初1234号", "brackets"),
        ("〔2020〕鲁0102民初1234号", "round brackets"),
        ("（2015）济民一初字第21号", "字第"),
        ("（20）鲁0102民初1234号", "four digits"),
        ("（2020鲁0102民初1234号", "closing bracket"),
        ("（2020）鲁0102民初1234", "号"),
        ("（2020）鲁0102民初1234号之一", "之"),
        ("（2020）鲁0102民初号", "no serial"),
        ("（2020）鲁0102民初01234号", "leading zero"),
        ("（2020）鲁0102民初123456789号", "8 digits"),
        ("（2016）粤0304民初18775-18776号", "several serials"),
        ("（2020）鲁0102民昨1234号", "unknown case-type code"),
        ("（2020）鲁0102XY1234号", "Chinese characters"),
        ("（2020）鲁0102金民初1234号", "specialised-trial code"),
        ("（2020）美0102民初1234号", "province abbreviation"),
        ("（2020）鲁010民初1234号", "2 digits"),
        ("（2020）鲁0199民初1234号", "not in Docket's court list"),
        ("（2020）鲁0102刑核1234号", "8-digit"),
        ("（2015）鲁0102民初1号", "2016"),
        ("（2020）鲁0102民初号", "serial"),
        ("（2020）鲁0102号", "zero"),
    ])
    func rejects(text: String, mentions: String) {
        do {
            let number = try CaseNumber(parsing: text)
            Issue.record("\(text) parsed as \(number)")
        } catch let error as DocketError {
            #expect(error.message.contains(mentions), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func unknownButPlausibleCourtWhenAllowed() throws {
        let number = try CaseNumber(parsing: "（2020）鲁0199民初1号", allowUnknownCourt: true)
        #expect(number.court == "鲁0199")
        #expect(throws: DocketError.self) { try CaseNumber(parsing: "（2020）鲁0100民初1号", allowUnknownCourt: true) }
    }

    @Test(arguments: [
        ("最高法", true), ("鲁", true), ("鲁01", true), ("鲁0102", true), ("鲁0199", true), ("粤73", true),
        ("鲁00", false), ("鲁0100", false), ("鲁0002", false), ("鲁1", false), ("鲁010", false), ("鲁01020", false),
        ("美01", false), ("", false), ("鲁01A", false),
    ])
    func courtCodeShapes(code: String, plausible: Bool) {
        #expect(CourtCode.isPlausible(code) == plausible)
    }

    @Test(arguments: ["鲁", "鲁01", "鲁17", "鲁0102", "鲁0103", "鲁0104", "鲁0105", "鲁0112", "鲁0202", "最高法", "京"])
    func knownCourts(code: String) {
        #expect(CourtCode.lookup(code) != nil)
    }

    @Test func courtLevels() {
        #expect(CourtCode.lookup("鲁0102")?.level == .basic)
        #expect(CourtCode.lookup("鲁01")?.level == .intermediate)
        #expect(CourtCode.lookup("鲁")?.level == .high)
        #expect(CourtCode.level(of: "最高法") == .supreme)
        #expect(CourtCode.level(of: "鲁0199") == .basic)
    }

    @Test(arguments: [
        "民初", "民终", "民申", "民再", "民特", "民督", "民催", "民辖", "刑初", "刑终", "刑核",
        "行初", "行终", "财保", "执", "执恢", "执保", "执异", "执复", "执监", "破申", "破", "强清", "司救民", "协外认",
    ])
    func typeCodesInTheTable(code: String) {
        #expect(CaseTypeCode.lookup(code) != nil)
    }

    @Test func typeCodesAreUnique() {
        #expect(Set(CaseTypeCode.all.map(\.code)).count == CaseTypeCode.all.count)
        #expect(CaseTypeCode.all.count > 100)
        #expect(CaseTypeCode.all.allSatisfy { !$0.code.isEmpty && $0.code.count <= 3 })
    }

    @Test func jsonRoundTripWithCanonicalAndNullSpecial() throws {
        let number = try CaseNumber(parsing: "（2020）鲁0102民初1234号")
        let data = try JSONEncoder().encode(number)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(object["canonical"] as? String == "（2020）鲁0102民初1234号")
        #expect(object["special"] is NSNull)
        #expect(try JSONDecoder().decode(CaseNumber.self, from: data) == number)
        let special = try CaseNumber(parsing: "（2019）最高法知民终1号")
        #expect(try JSONDecoder().decode(CaseNumber.self, from: JSONEncoder().encode(special)) == special)
    }

    @Test func decodingValidatesParts() {
        let bad = #"{"year": 2020, "court": "鲁0102", "type": "民昨", "serial": 1}"#
        #expect(throws: DocketError.self) { try JSONDecoder().decode(CaseNumber.self, from: Data(bad.utf8)) }
    }

    @Test func randomReviewSerialsHaveEightDigits() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let serial = CaseNumber.randomReviewSerial(using: &generator)
            #expect(String(serial).count == 8)
            _ = try CaseNumber(year: 2024, court: "鲁0102", type: "刑核", serial: serial)
        }
    }

    @Test func partsInitialiserRefusesBadParts() {
        #expect(throws: DocketError.self) { try CaseNumber(year: 2024, court: "鲁0102", type: "民初", serial: 0) }
        #expect(throws: DocketError.self) {
            try CaseNumber(year: 2024, court: "鲁0102", special: "金", type: "民初", serial: 1)
        }
        #expect(throws: DocketError.self) { try CaseNumber(year: 2024, court: "X", type: "民初", serial: 1) }
    }
}
