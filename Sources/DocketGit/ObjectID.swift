import CGit2

/// The id of a git object (a SHA-1, 20 bytes).
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
    var oid: git_oid

    init(_ oid: git_oid) { self.oid = oid }

    /// Parses 40 hexadecimal digits; nil for anything else.
    public init?(hex: String) {
        guard hex.utf8.count == 40,
            hex.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) || (65...70).contains($0) })
        else { return nil }
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
        self.oid = oid
    }

    /// An id from its 20 bytes (as a pack and its index hold them).
    init?(bytes: ArraySlice<UInt8>) {
        guard bytes.count == 20 else { return nil }
        var oid = git_oid()
        let result = Array(bytes).withUnsafeBufferPointer { git_oid_fromraw(&oid, $0.baseAddress) }
        guard result == 0 else { return nil }
        self.init(oid)
    }

    /// The 20 bytes of the id.
    var bytes: [UInt8] { withUnsafeBytes(of: oid.id) { Array($0) } }

    /// 40 lower-case hexadecimal digits.
    public var hex: String {
        var oid = self.oid
        var buffer = [CChar](repeating: 0, count: 41)
        git_oid_tostr(&buffer, 41, &oid)
        return String(cString: buffer)
    }

    public var description: String { hex }

    public static func == (a: ObjectID, b: ObjectID) -> Bool {
        var a = a.oid, b = b.oid
        return git_oid_equal(&a, &b) != 0
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: oid) { hasher.combine(bytes: $0) }
    }
}
