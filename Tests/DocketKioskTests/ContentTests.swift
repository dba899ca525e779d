import Foundation
import Testing

@testable import DocketKiosk

@Suite struct ContentTests {
    @Test func localeKeySetsAreEqual() throws {
        let zh = try JSONDecoder().decode([String: String].self, from: Fixture.data("locales/zh-Hans.json"))
        let en = try JSONDecoder().decode([String: String].self, from: Fixture.data("locales/en.json"))
        #expect(Set(zh.keys) == Set(en.keys))
        #expect(!zh.isEmpty)
    }

    @Test func everyLocaleKeyUsedByTheScreensExists() throws {
        let content = try Fixture.content()
        var keys = content.screens.menu.map(\.label)
        for form in content.screens.forms.values {
            keys.append(form.title)
            for field in form.fields { keys.append(field.label); keys += field.options?.map(\.label) ?? [] }
        }
        for key in keys { #expect(content.strings[.en]?[key] != nil, "\(key)") }
    }

    @Test func rejectsUnequalLocales() throws {
        let screens = try Fixture.data("screens.json")
        #expect(throws: KioskContentError.self) {
            try KioskContent(
                screens: screens, locales: [.zhHans: Data(#"{"a":"甲"}"#.utf8), .en: Data(#"{"b":"B"}"#.utf8)])
        }
    }

    @Test func rejectsUnknownValidator() throws {
        let screens = Data(
            (#"{"menu":[],"forms":{"x":{"title":"t","fields":[{"id":"f","label":"l","validator":"nope"}],"#
                + #""submit":{"action":"query"}}}}"#)
                .utf8)
        let locale = Data("{}".utf8)
        #expect(throws: KioskContentError.self) {
            try KioskContent(screens: screens, locales: [.zhHans: locale, .en: locale])
        }
    }

    @Test func aCausePickerNeedsCausesAndPickersMustBeKnown() throws {
        let locales = [
            KioskLanguage.zhHans: try Fixture.data("locales/zh-Hans.json"), .en: try Fixture.data("locales/en.json"),
        ]
        #expect(throws: KioskContentError.self) {
            try KioskContent(screens: Fixture.data("screens.json"), locales: locales)
        }
        let odd = Data(
            (#"{"menu":[],"forms":{"x":{"title":"t","fields":[{"id":"f","label":"l","validator":"required","#
                + #""picker":"court"}],"submit":{"action":"query"}}}}"#)
                .utf8)
        #expect(throws: KioskContentError.self) {
            try KioskContent(screens: odd, locales: locales, causes: Fixture.data("causes.json"))
        }
    }

    @Test func theCauseListIsSourcedNumberedAndFindable() throws {
        let list = try Fixture.content().causes
        #expect(list.source.contains("民事案件案由规定") && list.source.contains("法〔2025〕226号") && list.edition == "2025")
        #expect(list.causes.count >= 80)
        #expect(Set(list.causes.map(\.number)).count == list.causes.count, "numbers are unique")
        #expect(Set(list.causes.map(\.name)).count == list.causes.count, "names are unique")
        for cause in list.causes {
            let third = cause.number.prefix { $0.isASCII && $0.isNumber }, rest = cause.number.dropFirst(third.count)
            let fourth = rest.dropFirst().dropLast()
            #expect(
                (1...3).contains(third.count)
                    && (rest.isEmpty
                        || (rest.first == "(" && rest.last == ")"
                            && !fourth.isEmpty && fourth.allSatisfy { $0.isASCII && $0.isNumber })),
                "\(cause.number)")
            #expect(cause.name.hasSuffix("纠纷") && !cause.en.isEmpty, "\(cause.name)")
            #expect(cause.initials.allSatisfy { $0.isASCII && $0.isLowercase }, "\(cause.initials)")
            #expect(
                cause.initials.count == cause.name.filter { $0 != "、" }.count,
                "one initial per character: \(cause.name)")
        }
        #expect(list.matches("mjjd").first?.name == "民间借贷纠纷")
        #expect(list.matches("108").map(\.number) == ["108", "108(1)", "108(3)", "108(4)"])
        #expect(list.matches("1083").first?.name == "民间借贷纠纷", "a fourth-level number typed whole")
        #expect(list.matches("411").first?.name == "机动车交通事故责任纠纷")
        #expect(list.matches("离婚").map(\.name) == ["离婚纠纷", "离婚后财产纠纷", "离婚后损害责任纠纷"])
        #expect(list.matches("").isEmpty && list.matches("zzzz").isEmpty)
    }
}
