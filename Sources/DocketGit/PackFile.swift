import CGit2
import Crypto

/// A pack and its index as git stores them (gitformat-pack: pack version 2, index version 2), made in memory
/// from whole objects.
///
/// Docket writes every commit's new objects as one pack of its own. libgit2 can only do that by building the
/// pack (searching for deltas on threads it starts, and adding the whole tree of every commit, not only what is
/// new) and then indexing it again from disk; here each object is compressed once and the index is made as the
/// pack is. Objects are stored whole (no deltas): `git gc` finds the deltas when anyone wants them.
struct PackFile {
    /// The `.pack` file's bytes.
    let pack: [UInt8]
    /// The `.idx` file's bytes.
    let index: [UInt8]
    /// The pack's checksum in hex, which names both files: `pack-<name>.pack` and `pack-<name>.idx`.
    let name: String

    /// One object to store: its id (the caller's, not checked), its kind and its content.
    struct Object {
        let id: ObjectID
        let type: git_object_t
        let content: [UInt8]
    }

    /// Packs `objects` (each once; the caller removes duplicates).
    init(_ objects: [Object]) throws {
        var pack: [UInt8] = Array("PACK".utf8)
        pack.appendBigEndian(UInt32(2))
        pack.appendBigEndian(UInt32(objects.count))
        var entries: [(id: [UInt8], offset: UInt64, crc: UInt32)] = []
        entries.reserveCapacity(objects.count)
        for object in objects {
            let offset = UInt64(pack.count)
            pack.appendEntryHeader(type: UInt8(truncatingIfNeeded: object.type.rawValue), size: object.content.count)
            try pack.appendDeflated(object.content)
            let crc = pack[Int(offset)...].withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            entries.append((object.id.bytes, offset, crc))
        }
        let packChecksum = Array(Insecure.SHA1.hash(data: pack))
        pack += packChecksum

        entries.sort { $0.id.lexicographicallyPrecedes($1.id) }
        var index: [UInt8] = [0xFF, 0x74, 0x4F, 0x63]
        index.appendBigEndian(UInt32(2))
        var fanout = [UInt32](repeating: 0, count: 256)
        for entry in entries { fanout[Int(entry.id[0])] += 1 }
        var running: UInt32 = 0
        for slot in fanout { running += slot; index.appendBigEndian(running) }
        for entry in entries { index += entry.id }
        for entry in entries { index.appendBigEndian(entry.crc) }
        // Offsets past 2 GiB go to a table of 8-byte offsets, named by their position in it with the top bit set.
        var large: [UInt64] = []
        for entry in entries {
            if entry.offset < 0x8000_0000 {
                index.appendBigEndian(UInt32(entry.offset))
            } else {
                index.appendBigEndian(UInt32(0x8000_0000) | UInt32(large.count))
                large.append(entry.offset)
            }
        }
        for offset in large { index.appendBigEndian(offset) }
        index += packChecksum
        index += Array(Insecure.SHA1.hash(data: index))

        self.pack = pack
        self.index = index
        self.name = packChecksum.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

private extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// An entry's header: the type and the low four bits of the size, then the rest of the size seven bits at a
    /// time, lowest first; the top bit of each byte says another follows.
    mutating func appendEntryHeader(type: UInt8, size: Int) {
        var rest = UInt64(size) >> 4
        var byte = (type << 4) | UInt8(size & 0x0F)
        while rest != 0 {
            append(byte | 0x80)
            byte = UInt8(rest & 0x7F)
            rest >>= 7
        }
        append(byte)
    }

    /// Appends `content` as a zlib stream at the fastest level: a case's records are small, and its documents
    /// (scans, PDFs) are compressed already.
    mutating func appendDeflated(_ content: [UInt8]) throws {
        let start = count
        var length = compressBound(uLong(content.count))
        append(contentsOf: repeatElement(0, count: Int(length)))
        let result = withUnsafeMutableBufferPointer { out in
            content.withUnsafeBufferPointer { source in
                compress2(out.baseAddress! + start, &length, source.baseAddress, uLong(source.count), Z_BEST_SPEED)
            }
        }
        guard result == Z_OK else { throw GitError(code: -1, function: "compress2", message: "zlib failed (\(result))") }
        removeLast(count - start - Int(length))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}

extension ObjectID {
    /// The 20 bytes of the id.
    var bytes: [UInt8] { withUnsafeBytes(of: oid.id) { Array($0) } }
}
