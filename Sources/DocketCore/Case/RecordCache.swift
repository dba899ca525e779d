/// Records already parsed, by file path and exact bytes.
///
/// A write reads a case, changes a few of its files and then needs the case as changed: with one cache for both
/// parses only the changed files are parsed the second time. Parsing is a function of the bytes (and of the path,
/// which decides the record's type), so a hit is exactly what parsing would give. For one write at a time; not
/// shared between threads.
public final class RecordCache {
    private var entries: [String: (bytes: [UInt8], record: any Record)] = [:]

    public init() {}

    /// The record parsed earlier from these bytes at this path, if any.
    func record<R: Record>(at path: String, bytes: [UInt8]) -> R? {
        guard let entry = entries[path], entry.bytes == bytes else { return nil }
        return entry.record as? R
    }

    func remember(_ record: any Record, at path: String, bytes: [UInt8]) {
        entries[path] = (bytes, record)
    }
}
