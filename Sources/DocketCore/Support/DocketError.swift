/// Why something could not be done: a kind that programs act on (an HTTP status, an exit code, how a screen shows
/// it), a stable key naming the message, the message in Chinese and in English, and the error underneath, if any.
/// No decision is ever taken on the text: code looks at `kind` and `key`.
public struct DocketError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure it is.
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// The thing named does not exist (a case, a party, a document, a peer, a setting).
        case notFound = "not-found"
        /// The actor may not do it: a court-only step elsewhere, the authority policy, another party's side.
        case notAllowed = "not-allowed"
        /// The input is malformed or out of range.
        case invalidInput = "invalid-input"
        /// Credentials are missing or wrong: a token, a signature, a PIN.
        case unauthorized
        /// The request contradicts the current state: already done, in another state, a race lost, a duplicate.
        case conflict
        /// Something needed is not reachable or not configured now, or too many attempts were made.
        case unavailable
        /// Damaged data or a bug.
        case `internal`
    }

    /// The languages a message is rendered in.
    public enum Language: String, Sendable, CaseIterable {
        case chinese = "zh-Hans"
        case english = "en"
    }

    public let kind: Kind
    /// A stable dotted name of the message (`payment.nothing-owed`), for programs and tests; never shown.
    public let key: String
    /// What the message was made from, by name, when a program needs it (a case uid, a party id).
    public let arguments: [String: String]
    /// The message in Chinese, for people.
    public let chinese: String
    /// The same message in English.
    public let english: String
    /// The error underneath (a libgit2 failure, a file system error), kept for logs.
    public let cause: (any Error & Sendable)?

    /// An error of `kind` named `key`, said in Chinese (`zh`) and English (`en`).
    public init(
        _ kind: Kind, key: String, zh: String, en: String, arguments: [String: String] = [:],
        cause: (any Error & Sendable)? = nil
    ) {
        self.kind = kind; self.key = key; self.chinese = zh; self.english = en; self.arguments = arguments;
        self.cause = cause
    }

    /// The message in one language.
    public func message(in language: Language) -> String { language == .chinese ? chinese : english }

    /// Both renderings, English then Chinese, on one line: what a log line or a command's stderr carries when no
    /// language is chosen.
    public var message: String { chinese.isEmpty || chinese == english ? english : "\(english) \(chinese)" }

    public var description: String { message }

    /// The same error with a context put in front of each rendering (the field or file it concerns).
    public func prefixed(zh: String, en: String) -> DocketError {
        DocketError(kind, key: key, zh: zh + chinese, en: en + english, arguments: arguments, cause: cause)
    }

    /// An error of another layer as a `DocketError`: itself if it is one, else an internal error carrying it.
    public static func wrapping(_ error: any Error, zh: String, en: String) -> DocketError {
        if let docket = error as? DocketError { return docket }
        return DocketError(
            .internal, key: "internal.unexpected", zh: "\(zh)：\(error)", en: "\(en): \(error)",
            cause: error as? any Error & Sendable)
    }
}

extension DocketError: Equatable {
    /// Two errors are the same when kind, key and both renderings are (the cause is not compared).
    public static func == (a: DocketError, b: DocketError) -> Bool {
        a.kind == b.kind && a.key == b.key && a.chinese == b.chinese && a.english == b.english
            && a.arguments == b.arguments
    }
}

extension Error {
    /// The error in Chinese when it is a `DocketError`, else as it describes itself (a library's own words).
    public var chineseMessage: String { (self as? DocketError)?.chinese ?? String(describing: self) }

    /// The error in English when it is a `DocketError`, else as it describes itself.
    public var englishMessage: String { (self as? DocketError)?.english ?? String(describing: self) }
}
