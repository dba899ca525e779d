import CGit2
import Crypto
import Synchronization

/// A pack and its index as git stores them (gitformat-pack: pack version 2, index version 2), made in memory
/// from whole objects.
///
/// Docket writes every commit's new objects as one pack of its own. libgit2 can only do that by building the
/// pack (searching for deltas on threads it starts, and adding the whole tree of every commit, not only what is
/// new) and then indexing it again from disk; here each object is compressed once and the index is made as the
/// pack is. Objects are stored whole (no deltas), small ones uncompressed (see `Compressor`): `git gc` finds
/// deltas and compresses when anyone wants it.
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
        let compressor = try Compressor.take()
        defer { compressor.giveBack() }
        for object in objects {
            let offset = UInt64(pack.count)
            pack.appendEntryHeader(type: UInt8(truncatingIfNeeded: object.type.rawValue), size: object.content.count)
            try compressor.compress(object.content, appendingTo: &pack)
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
        self.name = ObjectID(bytes: packChecksum[...])!.hex
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
}

/// Compresses objects for a pack, choosing per object how hard to try.
///
/// Measured on a case's objects (zlib 1.2.13): deflating a record, tree or commit of a few hundred bytes costs
/// 5–15 µs whatever the level — more than everything else done for it — and saves a hundred bytes; storing it
/// costs 0.6 µs. A scanned document or PDF is compressed already: deflating a megabyte of it costs 22 ms and
/// saves nothing. So small objects are stored, and a large one is deflated only when a sample of it shrinks.
private final class Compressor: @unchecked Sendable {
    private let store: ZStream, deflateFast: ZStream
    static let smallObject = 4_096
    static let sample = 16_384

    /// Compressors not in use; each pack being made takes one, so writers on other threads never share one.
    /// Reused because setting one up (a quarter of a megabyte of tables, freshly touched) costs more than a commit's
    /// compressing.
    private static let idle = Mutex<[Compressor]>([])

    static func take() throws -> Compressor {
        try idle.withLock { $0.popLast() } ?? Compressor()
    }

    func giveBack() {
        Compressor.idle.withLock { if $0.count < 8 { $0.append(self) } }
    }

    private init() throws {
        store = try ZStream(level: Z_NO_COMPRESSION)
        deflateFast = try ZStream(level: Z_BEST_SPEED)
    }

    /// Appends `content` as one complete zlib stream.
    func compress(_ content: [UInt8], appendingTo out: inout [UInt8]) throws {
        guard content.count >= Self.smallObject else { return try store.compress(content[...], appendingTo: &out) }
        let start = out.count
        try deflateFast.compress(content.prefix(Self.sample), appendingTo: &out)
        let shrinks = (out.count - start) * 10 < Swift.min(content.count, Self.sample) * 9
        if shrinks, content.count <= Self.sample { return }
        out.removeLast(out.count - start)
        try (shrinks ? deflateFast : store).compress(content[...], appendingTo: &out)
    }
}

/// One zlib stream at one level, reset for each object.
private final class ZStream {
    private var stream = z_stream()

    init(level: Int32) throws {
        let result = docket_deflate_init(&stream, level)
        guard result == Z_OK else {
            throw GitError(code: -1, function: "deflateInit", message: "zlib failed (\(result))")
        }
    }

    deinit { deflateEnd(&stream) }

    func compress(_ content: ArraySlice<UInt8>, appendingTo out: inout [UInt8]) throws {
        guard deflateReset(&stream) == Z_OK else {
            throw GitError(code: -1, function: "deflateReset", message: "zlib failed")
        }
        let start = out.count
        let bound = Int(deflateBound(&stream, uLong(content.count)))
        out.append(contentsOf: repeatElement(0, count: bound))
        let result = content.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress! + start
                stream.avail_out = uInt(bound)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else {
            throw GitError(code: -1, function: "deflate", message: "zlib failed (\(result))")
        }
        out.removeLast(Int(stream.avail_out))
    }
}
