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

    /// Adds a document: its bytes at `documents/<id>/<name>` and its metadata beside them.
    public mutating func add(_ meta: DocumentMeta, bytes: [UInt8]) throws {
        files[meta.contentPath] = .some(bytes)
        try write(meta, at: meta.metaPath)
    }

    /// Adds the timeline entry (its path is derived from its time and node, so it never overwrites another).
    public mutating func append(_ entry: DocketEntry) throws {
        try write(entry, at: entry.path)
    }
}
