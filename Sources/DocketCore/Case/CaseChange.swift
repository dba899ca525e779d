/// One change to a case, as the domain decides it: files to write or delete, a timeline entry and a commit
/// message. The store turns it into exactly one commit.
public struct CaseChange: Sendable {
    /// Path in the case tree → new bytes, or nil to delete the file.
    public var files: [String: [UInt8]?]
    /// The commit message's first line.
    public var message: String
    /// The value of each record written by `write`, with the bytes it was encoded to, so that checks of the
    /// change need not parse them back.
    private var written: [String: (bytes: [UInt8], value: JSONValue)] = [:]

    public init(message: String, files: [String: [UInt8]?] = [:]) {
        self.message = message
        self.files = files
    }

    /// Writes a record at a path.
    public mutating func write<R: Record>(_ record: R, at path: String) throws {
        let value = try record.jsonValue()
        let bytes = CanonicalJSON.encode(value)
        files[path] = .some(bytes)
        written[path] = (bytes, value)
    }

    /// The value of the record this change writes at `path`, when `write` wrote it and the bytes are still those.
    public func value(at path: String) -> JSONValue? {
        guard let known = written[path], let bytes = files[path] ?? nil, bytes == known.bytes else { return nil }
        return known.value
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
