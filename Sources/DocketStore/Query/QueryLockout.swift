/// A query lockout in force: too many wrong query details recently, for one case at one source, for one case from
/// everywhere, or from one source across cases. What an administrator sees and may lift.
public struct QueryLockout: Codable, Equatable, Sendable {
    public enum Scope: String, Codable, Sendable {
        /// One case at one terminal or user: what a visitor who keeps mistyping meets.
        case caseAtSource = "case-at-source"
        /// One case from every source together: a code guessed from many places.
        case `case`
        /// One terminal or user across cases: one source trying case after case.
        case source
    }

    public var scope: Scope
    /// The case (canonical 案号 or filing-number suffix), unless the scope is a source.
    public var caseKey: String?
    /// The terminal or user, unless the scope is a case.
    public var source: String?
    public var failures: Int
    /// When it lifts by itself, Beijing time with the zone.
    public var until: String

    public init(scope: Scope, caseKey: String?, source: String?, failures: Int, until: String) {
        self.scope = scope; self.caseKey = caseKey; self.source = source; self.failures = failures; self.until = until
    }
}
