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
            try KioskContent(screens: screens, locales: [.zhHans: Data(#"{"a":"甲"}"#.utf8), .en: Data(#"{"b":"B"}"#.utf8)])
        }
    }

    @Test func rejectsUnknownValidator() throws {
        let screens = Data(#"{"menu":[],"forms":{"x":{"title":"t","fields":[{"id":"f","label":"l","validator":"nope"}],"submit":{"action":"query"}}}}"#.utf8)
        let locale = Data("{}".utf8)
        #expect(throws: KioskContentError.self) {
            try KioskContent(screens: screens, locales: [.zhHans: locale, .en: locale])
        }
    }
}
