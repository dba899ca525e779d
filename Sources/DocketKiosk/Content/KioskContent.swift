import Foundation

/// A language the kiosk speaks; the raw value names its file in `Kiosk/locales/`.
public enum KioskLanguage: String, Codable, Sendable, CaseIterable {
    case zhHans = "zh-Hans"
    case en
    /// The other language (Tab on Welcome switches to it).
    public var other: KioskLanguage { self == .zhHans ? .en : .zhHans }
}

/// A selectable value of a choice field (e.g. a case type) and the fee kinds it implies.
public struct ChoiceOption: Codable, Sendable, Equatable {
    public var value: String
    public var label: String
    public var feeKind: String?
    public var feeKindWithoutAmount: String?
}

/// One input field of a form, as declared in `Kiosk/screens.json`.
public struct FieldSpec: Codable, Sendable, Equatable {
    public var id: String
    /// Locale key of the label.
    public var label: String
    /// Name of a `FieldValidator`.
    public var validator: String
    /// Shown masked (`Masking.mask`) everywhere except while being typed in this field.
    public var sensitive: Bool?
    /// Never shown at all, not even while typed (one "*" per character): PINs.
    public var secret: Bool?
    /// Where the value goes in the filing document ("cause", "plaintiff.idNumber", …); nil for non-filing forms.
    public var target: String?
    public var maxLength: Int?
    public var options: [ChoiceOption]?
    /// A list the value is picked from instead of typed: "cause" (the civil causes of `causes.json`).
    public var picker: String?
    /// Entered by parts instead of typed whole: "caseNumber" (year, the kiosk's court, a type from `options`, serial).
    public var parts: String?
    /// The value until the visitor chooses another (a choice's option value).
    public var preset: String?
    /// For an ID number: the field of the same form whose value names the kind of document (`IdentityKind`).
    public var kindField: String?
    /// Which characters the field takes (default `text`, where Chinese input applies).
    public var accepts: FieldCharacters?

    /// The characters this field takes: declared, or `text`.
    public var characters: FieldCharacters { accepts ?? .text }
}

/// What Enter on a form's last field does.
public struct FormSubmit: Codable, Sendable, Equatable {
    /// "next" (go to `form`), "query" (ask the node), "dossier" (list the documents the
    /// same credentials may see), "adminPIN" (check the field "pin"), "findUnpaid" (look up a fee to pay by the field
    /// "reference"), "review" (show the filing with its fee) or "apply" (file an application: the field "kind" of
    /// `kindForm`, the credentials, "text" and "amount" of this form).
    public var action: String
    public var form: String?
    /// For "apply": the form whose choice field "kind" names the application.
    public var kindForm: String?
    /// Another one of the same (a second defendant): when this form's choice field `repeat.field` is "yes", Enter
    /// starts `repeat.form` again as the next instance, up to `repeat.max`, instead of going on.
    public var `repeat`: FormRepeat?
}

/// How a party's forms repeat for several parties on one side.
public struct FormRepeat: Codable, Sendable, Equatable {
    /// The choice field ("yes"/"no") that asks for another.
    public var field: String
    /// The form the next instance starts with.
    public var form: String
    /// How many at most.
    public var max: Int
}

/// A form screen: its title, fields and what submitting it does.
public struct FormSpec: Codable, Sendable, Equatable {
    public var title: String
    public var step: Int?
    public var steps: Int?
    public var fields: [FieldSpec]
    public var submit: FormSubmit
}

/// A Welcome menu entry; entries without a form are listed as not yet available.
public struct MenuItem: Codable, Sendable, Equatable {
    public var id: String
    public var label: String
    public var form: String?
    public var available: Bool?
    public var isAvailable: Bool { (available ?? true) && form != nil }
}

/// The screen definitions of `Kiosk/screens.json`.
public struct ScreenDefinitions: Codable, Sendable, Equatable {
    public var menu: [MenuItem]
    /// The form "0" on Welcome opens (the administrator PIN); not listed in the menu.
    public var adminForm: String?
    public var forms: [String: FormSpec]
}

/// The kiosk's configuration (`Kiosk/kiosk.sample.json`).
public struct KioskConfig: Codable, Sendable, Equatable {
    /// The court's name as shown in the title bar.
    public var court: String
    /// The court code filings are made to (e.g. "鲁0102").
    public var courtCode: String?
    public var courtEnglish: String?
    public var defaultLanguage: KioskLanguage?
    public var idleTimeoutSeconds: Int?
    public var idleWarningSeconds: Int?
    public var paymentAbandonSeconds: Int?
    /// The console draws ambiguous-width characters (block elements) two columns wide, as a CJK console may: the QR
    /// code is then drawn with spaces only, which needs a taller screen (else the counter is offered).
    public var ambiguousWide: Bool?
    /// The receipt printer's device file (ESC/POS, e.g. "/dev/usb/lp0"); a filing's receipt is printed there.
    public var receiptPrinter: String?
    /// Where USB sticks are mounted (each stick a folder below, e.g. "/media/kiosk"): a filer may add PDF and image
    /// files from one. Nil: no USB intake.
    public var usbMountRoot: String?
    /// The command that scans one page to its standard output as PNG (e.g. `["scanimage", "--format=png",
    /// "--resolution=200", "--mode=Gray"]`, SANE). Nil: no scanner.
    public var scanCommand: [String]?
    /// Announcements, each keyed by language.
    public var announcements: [[String: String]]?

    public init(
        court: String, courtCode: String? = nil, courtEnglish: String? = nil, defaultLanguage: KioskLanguage? = nil,
        idleTimeoutSeconds: Int? = nil, idleWarningSeconds: Int? = nil, paymentAbandonSeconds: Int? = nil,
        announcements: [[String: String]]? = nil
    ) {
        self.court = court; self.courtCode = courtCode; self.courtEnglish = courtEnglish;
        self.defaultLanguage = defaultLanguage
        self.idleTimeoutSeconds = idleTimeoutSeconds; self.idleWarningSeconds = idleWarningSeconds
        self.paymentAbandonSeconds = paymentAbandonSeconds; self.announcements = announcements
    }
}

/// Everything data-driven about the kiosk: screens, forms, locale strings and configuration, parsed from
/// the bytes of the `Kiosk/` files (the caller reads them, so this target does no I/O).
public struct KioskContent: Sendable, Equatable {
    public var screens: ScreenDefinitions
    public var strings: [KioskLanguage: [String: String]]
    public var config: KioskConfig
    /// The civil causes a cause field picks from (`causes.json`).
    public var causes: CauseList

    /// Parses the files. Throws when a file is malformed, a language is missing, the locales' key sets
    /// differ, a menu entry or "next" names an unknown form, a field names an unknown validator or picker, or a
    /// cause picker has no causes to pick from.
    public init(screens: Data, locales: [KioskLanguage: Data], config: Data? = nil, causes: Data? = nil) throws {
        let decoder = JSONDecoder()
        self.screens = try decoder.decode(ScreenDefinitions.self, from: screens)
        self.causes = try causes.map { try decoder.decode(CauseList.self, from: $0) } ?? CauseList()
        var strings: [KioskLanguage: [String: String]] = [:]
        for language in KioskLanguage.allCases {
            guard let data = locales[language] else {
                throw KioskContentError("Locale \(language.rawValue) is missing.")
            }
            strings[language] = try decoder.decode([String: String].self, from: data)
        }
        self.strings = strings
        self.config = try config.map { try decoder.decode(KioskConfig.self, from: $0) } ?? KioskConfig(court: "")
        try validate()
    }

    private func validate() throws {
        let zh = Set(strings[.zhHans]!.keys), en = Set(strings[.en]!.keys)
        guard zh == en else {
            throw KioskContentError(
                "Locale key sets differ: \(zh.symmetricDifference(en).sorted().joined(separator: ", ")).")
        }
        if let admin = screens.adminForm, screens.forms[admin] == nil {
            throw KioskContentError("adminForm names unknown form \(admin).")
        }
        for item in screens.menu {
            if let form = item.form, screens.forms[form] == nil {
                throw KioskContentError("Menu \(item.id) names unknown form \(form).")
            }
        }
        for (id, form) in screens.forms {
            if let next = form.submit.form, screens.forms[next] == nil {
                throw KioskContentError("Form \(id) goes to unknown form \(next).")
            }
            if let again = form.submit.repeat,
                screens.forms[again.form] == nil || !form.fields.contains(where: { $0.id == again.field })
            {
                throw KioskContentError("Form \(id) repeats with an unknown form or field.")
            }
            for field in form.fields where FieldValidator(rawValue: field.validator) == nil {
                throw KioskContentError("Field \(id).\(field.id) names unknown validator \(field.validator).")
            }
            for field in form.fields where field.parts != nil {
                guard field.parts == "caseNumber" else {
                    throw KioskContentError("Field \(id).\(field.id) names unknown parts \(field.parts!).")
                }
                guard !(field.options ?? []).isEmpty else {
                    throw KioskContentError("Field \(id).\(field.id) has no case types to choose from.")
                }
            }
            for field in form.fields where field.picker != nil {
                guard field.picker == "cause" else {
                    throw KioskContentError("Field \(id).\(field.id) names unknown picker \(field.picker!).")
                }
                guard !causes.causes.isEmpty else {
                    throw KioskContentError("Field \(id).\(field.id) picks a cause, but no causes were given.")
                }
            }
        }
    }

    /// The string for `key` in `language` with `{name}` placeholders filled; the key itself when missing,
    /// so a gap shows up on screen rather than crashing the kiosk.
    public func string(_ key: String, _ language: KioskLanguage, _ values: [String: String] = [:]) -> String {
        var text = strings[language]?[key] ?? key
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}

/// A problem in the kiosk's data files, as a sentence.
public struct KioskContentError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
