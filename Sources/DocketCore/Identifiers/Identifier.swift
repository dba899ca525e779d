import Foundation

/// Makes the identifiers of cases, parties, documents and conflicts.
///
/// A case uid is a ULID in lower-case Crockford base32 (26 characters): 48 bits of milliseconds, then 80 random
/// bits. It sorts by creation time, is unique without coordination between nodes, and is safe in URLs and paths.
public enum Identifier {
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// A new case uid for an instant in milliseconds since 1970.
    public static func caseUID<G: RandomNumberGenerator>(milliseconds: Int64, using generator: inout G) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(26)
        var time = UInt64(max(0, milliseconds)) & 0xFFFF_FFFF_FFFF
        var timeChars = [UInt8](repeating: 0, count: 10)
        for i in stride(from: 9, through: 0, by: -1) {
            timeChars[i] = alphabet[Int(time & 31)]
            time >>= 5
        }
        out.append(contentsOf: timeChars)
        appendRandom(16, to: &out, using: &generator)
        return String(decoding: out, as: UTF8.self)
    }

    /// A short random identifier with a one-letter prefix naming its kind (`p` party, `d` document, …).
    public static func short<G: RandomNumberGenerator>(_ prefix: Character, using generator: inout G) -> String {
        var out = Array(String(prefix).utf8)
        appendRandom(12, to: &out, using: &generator)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `count` random characters of the alphabet, 12 from each 64-bit draw (5 bits a character).
    private static func appendRandom<G: RandomNumberGenerator>(
        _ count: Int, to out: inout [UInt8], using generator: inout G
    ) {
        var bits: UInt64 = 0, left = 0
        for _ in 0..<count {
            if left == 0 { bits = generator.next(); left = 12 }
            out.append(alphabet[Int(bits & 31)])
            bits >>= 5
            left -= 1
        }
    }

    /// True for a well-formed case uid (26 characters of the alphabet above).
    public static func isCaseUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 26 && bytes.allSatisfy { alphabet.contains($0) }
    }

    /// True for a well-formed record id (a letter, then 1–40 of `a-z0-9-`): safe as a file name on every system.
    public static func isRecordID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...41).contains(bytes.count), (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0]) else {
            return false
        }
        return bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "-")
        }
    }

    /// True for a well-formed node id: 2–40 of `a-z0-9-`, starting with a letter or digit.
    public static func isNodeID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...40).contains(bytes.count), bytes[0] != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "-")
        }
    }

    /// The shard folder of a case: its last two characters, which are random, so shards fill evenly (1,024 of them).
    public static func shard(ofCase uid: String) -> String { String(uid.suffix(2)) }
}
