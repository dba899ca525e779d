/// A test's own failure to set something up (a command that did not start, a step that should have worked): the
/// test stops with the sentence.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
