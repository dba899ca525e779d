/// One cause of action (案由) of the official list of civil causes (民事案件案由规定), as `Kiosk/causes.json` ships it.
public struct Cause: Codable, Sendable, Equatable {
    /// Its number in the list: "103" for a third-level cause, "103(3)" for a fourth-level one.
    public var number: String
    /// The official name, as the filing carries it ("民间借贷纠纷").
    public var name: String
    /// An English gloss for the English screens (the filing keeps the Chinese name).
    public var en: String
    /// The pinyin initials of the name ("mjjdjf").
    public var initials: String
}

/// The causes a visitor can pick at the kiosk, with where the list comes from.
public struct CauseList: Codable, Sendable, Equatable {
    /// The regulation and its revision the numbers come from.
    public var source: String
    /// The revision's year ("2020").
    public var edition: String
    public var causes: [Cause]

    public init(source: String = "", edition: String = "", causes: [Cause] = []) {
        self.source = source; self.edition = edition; self.causes = causes
    }

    /// The causes matching what was typed: digits find by number (exact number first, then those it begins),
    /// Latin letters by pinyin initials (a beginning first, then anywhere), Chinese by the name.
    public func matches(_ query: String) -> [Cause] {
        let q = query.lowercased().filter { !$0.isWhitespace }
        guard !q.isEmpty else { return [] }
        if q.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let exact = causes.filter { Self.digits($0.number) == q }
            let third = causes.filter { Self.third($0.number) == q && Self.digits($0.number) != q }
            let begins = causes.filter { Self.third($0.number).hasPrefix(q) && Self.third($0.number) != q }
            return exact + third + begins
        }
        if q.allSatisfy({ $0.isASCII && $0.isLetter }) {
            let begins = causes.filter { $0.initials.hasPrefix(q) }
            return begins + causes.filter { !$0.initials.hasPrefix(q) && $0.initials.contains(q) }
        }
        return causes.filter { $0.name.contains(query) }
    }

    /// A revision of the regulation: its year, the notice that made it and the day it took effect (Beijing).
    public struct Revision: Sendable, Equatable {
        public var edition: String
        public var notice: String
        public var noticeEnglish: String
        public var inForceFrom: String
    }

    /// The revisions of 民事案件案由规定 since the one the kiosk's numbers follow. A court adds a row when the
    /// Supreme People's Court revises the list again.
    public static let revisions = [
        Revision(edition: "2020", notice: "法〔2020〕346号", noticeEnglish: "Fa [2020] No. 346", inForceFrom: "2021-01-01"),
        Revision(edition: "2025", notice: "法〔2025〕226号", noticeEnglish: "Fa [2025] No. 226", inForceFrom: "2026-01-01"),
    ]

    /// The newest revision in force on `today` (YYYY-MM-DD, Beijing) when this list follows an older one: the
    /// administrator is told, since a number or name may have changed. Nil when the list is current.
    public func newerRevision(onOrBefore today: String) -> Revision? {
        guard let newest = Self.revisions.last(where: { $0.inForceFrom <= today }), edition < newest.edition else {
            return nil
        }
        return newest
    }

    /// The cause of this name, if it is on the list.
    public func cause(named name: String) -> Cause? { causes.first { $0.name == name } }

    /// "103(3)" → "1033", for typing a fourth-level number whole.
    static func digits(_ number: String) -> String { number.filter { $0.isASCII && $0.isNumber } }
    /// "103(3)" → "103".
    static func third(_ number: String) -> String { String(number.prefix { $0.isASCII && $0.isNumber }) }
}
