/// Why the policy refused a step: what was touched, by whom, and a sentence in Chinese and in English.
///
/// Its kind says what sort of refusal it is, so callers decide by the kind, never by the words.
public struct PolicyRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable {
        /// The signer may not make this change (who).
        case notAllowed = "not-allowed"
        /// The content is not acceptable from anyone (what): a malformed record, a path outside the format, a
        /// document whose bytes do not match, a signature that does not verify.
        case invalid
    }

    public var kind: Kind
    /// The file in the case tree (or the commit, for refusals about a whole commit).
    public var path: String
    /// The dotted field, when the refusal is about one.
    public var field: String?
    /// The node whose step was refused.
    public var signer: String
    public var chinese: String
    public var english: String

    public init(_ kind: Kind, path: String, field: String? = nil, signer: String, chinese: String, english: String) {
        self.kind = kind; self.path = path; self.field = field; self.signer = signer
        self.chinese = chinese; self.english = english
    }

    /// Chinese first, then English.
    public var description: String { "\(chinese) \(english)" }
}
