import Foundation
import Testing

@testable import DocketCore

/// Resident IDs (GB 11643-1999), credit codes (GB 32100-2015), contacts and the masking rule.
struct IdentityNumberTests {
    let today = try! LocalDate(parsing: "2025-06-01")

    @Test(arguments: [
        ("11010519491231002X", "1949-12-31"),
        ("11010519491231002x", "1949-12-31"),
        ("370102199003071238", "1990-03-07"),
        ("37010219900307122X", "1990-03-07"),
        ("440304200002294568", "2000-02-29"),
        (" 3701 0219 9003 0712 38 ", "1990-03-07"),
        ("３７０１０２１９９００３０７１２３８", "1990-03-07"),
    ])
    func validResidentIDs(number: String, birth: String) {
        let check = IdentityNumber.check(number, today: today)
        #expect(check.valid, "\(check.reason ?? "")")
        #expect(check.kind == .residentID)
        #expect(check.birthDate == birth)
        #expect(check.normalized?.count == 18)
        #expect(check.normalized == check.normalized?.uppercased())
        #expect(check.reason == nil)
    }

    @Test func legacyFifteenDigitsAreUpgraded() {
        let check = IdentityNumber.check("370102900307123", today: today)
        #expect(check.valid)
        #expect(check.normalized == "370102199003071238")
        #expect(check.birthDate == "1990-03-07")
        #expect(check.masked == "370***********1238")
        #expect(IdentityNumber.upgrade("370102900307123") == "370102199003071238")
    }

    // Each kind of invalid resident ID, with a word its reason must contain.
    @Test(arguments: [
        ("110105194912310021", "check character"),  // bad check char
        ("370102199003071239", "check character"),
        ("370102199002301235", "birth date"),  // 30 February
        ("370102199013071231", "birth date"),  // month 13
        ("370102203001011234", "future"),  // 2030
        ("370102189901011234", "1900"),
        ("990102199003071238", "province"),  // region 99
        ("37010219900307123", "18"),  // 17 characters
        ("3701021990030712381", "18"),  // 19 characters
        ("37010219900#071238", "cannot appear"),  // bad character
        ("37010219900O071238", "cannot appear"),  // letter O for zero
        ("370102900230123", "birth date"),  // legacy, 30 February 1990
        ("37010290030712A", "digits only"),  // legacy with a letter
        ("", "No number"),
    ])
    func invalidResidentIDs(number: String, mentions: String) {
        let check = IdentityNumber.check(number, today: today)
        #expect(!check.valid)
        #expect(check.normalized == nil && check.birthDate == nil)
        #expect(check.reason?.contains(mentions) == true, "\(check.reason ?? "nil")")
    }

    @Test func futureIsRelativeToTheInjectedDay() throws {
        #expect(!IdentityNumber.check("110101200501010017", today: try LocalDate(parsing: "2004-12-31")).valid)
        #expect(IdentityNumber.check("110101200501010017", today: try LocalDate(parsing: "2005-01-01")).valid)
    }

    /// Real codes (the GB 32100 example, 914403001922038216, 9144030071526726XG, 91310000132200821H) and codes
    /// made by the standard's rules for each registration authority and kind.
    @Test(arguments: [
        "91350100M000100Y43", "914403001922038216", "9144030071526726XG", "91310000132200821H", "12100000400000624D",
        "91370102MA3C123469", "51370102MJD12345XC", "92370102MA3C123466", "12370000495577660N", "Y1370102MB1234RT0E",
        "N2370102MF1234567B", "91350100m000100y43",
    ])
    func validCreditCodes(code: String) {
        let check = IdentityNumber.check(code, today: today)
        #expect(check.valid, "\(check.reason ?? "")")
        #expect(check.kind == .creditCode)
        #expect(check.birthDate == nil)
        #expect(check.normalized == code.uppercased())
    }

    @Test(arguments: [
        ("91350100M000100Y44", "check character"),
        ("91350100M000100YI3", "not used"),  // I is not in the alphabet
        ("01350100M000100Y43", "registration authority"),
        ("95350100M000100Y43", "kind of organisation"),  // the market regulator registers kinds 1–3 only
        ("9135A100M000100Y43", "region code"),
        ("91990100M000100Y43", "region code"),  // 99 is no province
        ("91350100M000100Y53", "organisation code"),  // the GB 11714 check inside is wrong
        ("91110108MA01ABCD1E", "organisation code"),  // only the last character fits: a made-up code
        ("91350100M000100Y4", "18"),
    ])
    func invalidCreditCodes(code: String, mentions: String) {
        let check = IdentityNumber.check(code, kind: .creditCode, today: today)
        #expect(!check.valid)
        #expect(check.reason?.contains(mentions) == true, "\(check.reason ?? "nil")")
    }

    @Test(
        arguments: [("11010519491231002", "X"), ("37010219900307123", "8"), ("11010120050101001", "7")]
            as [(String, Character)])
    func residentIDCheckCharacters(first17: String, expected: Character) {
        #expect(IdentityNumber.residentIDCheckCharacter(first17) == expected)
    }

    @Test(
        arguments: [("91350100M000100Y4", "3"), ("12100000400000624", "D"), ("91370100163046889", "0")]
            as [(String, Character)])
    func creditCodeCheckCharacters(first17: String, expected: Character) {
        #expect(IdentityNumber.creditCodeCheckCharacter(first17) == expected)
        #expect(IdentityNumber.creditCodeCheckCharacter("9135010OM000100Y4") == nil)
    }

    // One masking rule: first 3 and last 4 kept; the birth date never shows.
    @Test(arguments: [
        ("11010519491231002X", "110***********002X"),
        ("91350100M000100Y43", "913***********0Y43"),
        ("13800138000", "138****8000"),
        ("370102900307123", "370********7123"),
        ("1234567890", "**********"),
        ("abc", "***"),
        ("", ""),
    ])
    func masking(input: String, masked: String) {
        #expect(Masking.mask(input) == masked)
    }

    @Test func maskedIDNeverShowsTheBirthDate() {
        let check = IdentityNumber.check("370102199003071238", today: today)
        #expect(!check.masked.contains("19900307"))
        #expect(check.masked == Masking.mask("370102199003071238"))
        let invalid = IdentityNumber.check("370102199003071239", today: today)
        #expect(invalid.masked == "370***********1239")
    }

    @Test func jsonOmitsAbsentFields() throws {
        let data = try JSONEncoder().encode(IdentityNumber.check("91350100M000100Y43", today: today))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(object["kind"] as? String == "credit-code")
        #expect(object["birthDate"] == nil && object["reason"] == nil)
    }

    @Test(
        arguments: [
            ("13800138000", "13800138000"), ("+86 138 0013 8000", "13800138000"), ("+86-13800138000", "13800138000"),
            ("8613800138000", "13800138000"), ("008613800138000", "13800138000"), ("19912345678", "19912345678"),
            ("12800138000", nil), ("1380013800", nil), ("138001380001", nil), ("1380013800a", nil), ("", nil),
            ("+8712800138000", nil),
        ] as [(String, String?)])
    func mobiles(input: String, normalized: String?) {
        #expect(ContactCheck.mobile(input) == normalized)
    }

    @Test(arguments: [
        ("clerk@court.gov.cn", true), ("li.ming+docket@example.com", true), ("a@b.co", true),
        ("plainaddress", false), ("a@b", false), ("a@@b.com", false), (".a@b.com", false), ("a.@b.com", false),
        ("a..b@c.com", false), ("a@-b.com", false), ("a@b.c", false), ("a b@c.com", false), ("张@example.com", false),
        ("a@b.c0m", false),
    ])
    func emails(input: String, valid: Bool) {
        #expect(ContactCheck.email(input) == valid)
    }

    /// Issue 14: a number is checked as its party's kind only. A natural person's mistyped resident ID is never taken
    /// for a credit code; an organisation's code is never read as a person's ID.
    @Test(arguments: [
        ("623021202006170697", IdentityKind.residentID, false),  // fails GB 11643; its last character fits MOD 31
        ("623021202006170697", IdentityKind.creditCode, false),  // and it is no credit code either (region 30…)
        ("370102199003071238", IdentityKind.residentID, true),
        ("370102199003071238", IdentityKind.creditCode, false),
        ("914403001922038216", IdentityKind.creditCode, true),
        ("914403001922038216", IdentityKind.residentID, false),  // all digits, but region 91 is no province
        ("E12345678", IdentityKind.passport, true),
        ("G1234567", IdentityKind.passport, true),
        ("张三12345", IdentityKind.passport, false),
        ("1234", IdentityKind.passport, false),
        ("H12345678", IdentityKind.hkMacaoPermit, true),
        ("M1234567890", IdentityKind.hkMacaoPermit, true),
        ("K12345678", IdentityKind.hkMacaoPermit, false),
        ("12345678", IdentityKind.taiwanPermit, true),
        ("1234567", IdentityKind.taiwanPermit, false),
    ])
    func numbersAreCheckedAsTheirKind(number: String, kind: IdentityKind, valid: Bool) {
        let check = IdentityNumber.check(number, kind: kind, today: today)
        #expect(check.valid == valid, "\(number) as \(kind): \(check.reason ?? "valid")")
        #expect(check.kind == kind)
    }

    /// The automatic check (`docket id check` without a kind) no longer takes that near-miss either.
    @Test func theNearMissIsRefusedWithoutAKindToo() {
        #expect(!IdentityNumber.check("623021202006170697", today: today).valid)
    }

    @Test func aFilingSaysWhichPartiesAreOrganisations() throws {
        let json = """
            {"court": "鲁0102", "caseType": "civil", "cause": "买卖合同纠纷", "parties": [
              {"role": "plaintiff", "name": "济南鲁信商贸有限公司", "kind": "organisation", "idNumber": "91370102MA3C123469"},
              {"role": "defendant", "name": "John Smith", "idKind": "passport", "idNumber": "E12345678"}]}
            """
        let input = try FilingInput.parse(Array(json.utf8), today: today)
        #expect(input.parties[0].kind == .organisation && input.parties[0].idKind == "credit-code")
        #expect(input.parties[1].kind == .person && input.parties[1].idKind == "passport")
        let person = json.replacingOccurrences(of: #""kind": "organisation", "#, with: "")
        #expect(throws: DocketError.self, "a credit code given as a person's resident ID") {
            try FilingInput.parse(Array(person.utf8), today: today)
        }
        let wrongDocument = json.replacingOccurrences(of: #""idKind": "passport""#, with: #""idKind": "credit-code""#)
        #expect(throws: DocketError.self, "a person cannot give a credit code") {
            try FilingInput.parse(Array(wrongDocument.utf8), today: today)
        }
    }
}
