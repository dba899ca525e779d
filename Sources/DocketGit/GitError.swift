import CGit2

/// A libgit2 failure: the function that failed, its error code and libgit2's own message.
public struct GitError: Error, CustomStringConvertible, Sendable {
    /// libgit2's return code (`GIT_ENOTFOUND`, `GIT_EMODIFIED`, …).
    public let code: Int32
    public let function: String
    public let message: String

    public var description: String { "\(function) failed: \(message) (\(code))" }

    /// True when the object or reference does not exist.
    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }

    static func last(_ code: Int32, _ function: String) -> GitError {
        let message = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "unknown error"
        return GitError(code: code, function: function, message: message)
    }
}

/// Runs a libgit2 call and throws its error when it returns non-zero.
@inline(__always)
func check(_ function: String, _ result: Int32) throws {
    if result < 0 { throw GitError.last(result, function) }
}
