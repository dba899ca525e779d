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

    /// The cause of this name, if it is on the list.
    public func cause(named name: String) -> Cause? { causes.first { $0.name == name } }

    /// "103(3)" → "1033", for typing a fourth-level number whole.
    static func digits(_ number: String) -> String { number.filter { $0.isASCII && $0.isNumber } }
    /// "103(3)" → "103".
    static func third(_ number: String) -> String { String(number.prefix { $0.isASCII && $0.isNumber }) }
}
