/// A step the policy refused, with every reason: what a person, a pusher or a sync report is shown.
public struct AuthorityRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var refusals: [PolicyRefusal]

    public init(_ refusals: [PolicyRefusal]) { self.refusals = refusals }

    /// One line per reason, Chinese first.
    public var description: String { refusals.map(\.description).joined(separator: "\n") }

    /// The kind of the whole refusal: `notAllowed` when any reason is about who acted, else `invalid`.
    public var kind: PolicyRefusal.Kind { refusals.contains { $0.kind == .notAllowed } ? .notAllowed : .invalid }
}
