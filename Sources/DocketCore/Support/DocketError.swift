/// An error meant for a person: its message says what was wrong and, where it helps, what to do instead.
///
/// Everything user-facing (CLI, kiosk, HTTP API) shows `message` as it is, so write it as a full sentence.
public struct DocketError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The sentence shown to the person.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
