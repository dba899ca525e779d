/// One change to a case, as the domain decides it: files to write or delete, a timeline entry and a commit
/// message. The store turns it into exactly one commit.
public struct CaseChange: Sendable {
    /// Path in the case tree → new bytes, or nil to delete the file.
    public var files: [String: [UInt8]?]
    /// The commit message's first line.
    public var message: String

    public init(message: String, files: [String: [UInt8]?] = [:]) {
        self.message = message
        self.files = files
    }

    /// Writes a record at a path.
    public mutating func write<R: Record>(_ record: R, at path: String) throws {
        files[path] = .some(try record.canonicalBytes())
    }

    /// Adds the timeline entry (its path is derived from its time and node, so it never overwrites another).
    public mutating func append(_ entry: DocketEntry) throws {
        try write(entry, at: entry.path)
    }
}
