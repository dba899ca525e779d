import DocketCore
import Foundation

/// The batched fetch (`POST /api/v1/sync/fetch`): the client names the cases it wants with the commits it holds of
/// each, and the server answers with one stream carrying every case's new history as a pack, built in process.
/// The batched push (`POST /api/v1/sync/push`) sends the same stream the other way and is answered by one result
/// frame per case.
///
///     stream = "DOCKET-BATCH/1\n" frame*      frame = u32 big-endian header length · header JSON · pack bytes
///
/// A header is a case's history (`uid`, `tip`, and `pack`: how many pack bytes follow; 0 when the receiver already
/// holds `tip`), a case's error (`uid`, `error`: the case is not there for this peer, or could not be read — the
/// next case follows), a pushed case's result (`uid` with `taken`: how it entered, or `refused`: the policy's
/// reason), or the last frame (`end`: how many case frames came before). No `end` means the stream was cut: every
/// case that arrived whole before the cut is taken, the rest go again at the next sync.
public enum BatchStream {
    /// What a stream starts with: the version of this framing.
    public static let magic = Array("DOCKET-BATCH/1\n".utf8)
    public static let contentType = "application/x-docket-batch"
    /// The version the changes feed advertises (`ChangesFeed.batch`).
    public static let version = 1
    /// Bounds a reader holds a writer to: a header, and one case's pack.
    public static let maxHeaderBytes = 16 * 1024
    public static let maxPackBytes = 512 * 1024 * 1024
    /// The most of one answer a client keeps (on disk): past it the stream is cut, the cases that arrived whole are
    /// taken and the rest asked for at the next sync — a peer cannot fill the disk.
    public static let maxStreamBytes = 2 * 1024 * 1024 * 1024

    /// One frame's header.
    public struct Header: Codable, Sendable, Equatable {
        public var uid: String?
        public var tip: String?
        /// Pack bytes that follow the header (absent or 0: none).
        public var pack: Int?
        public var error: Failure?
        /// A pushed case the receiver took, and how (`Integration`'s raw value: created, fast-forwarded, merged…).
        public var taken: String?
        /// A pushed case the receiver's checks refused, with the reason (the pusher holds it back).
        public var refused: Failure?
        /// Present in the last frame only: the number of case frames before it.
        public var end: Int?

        public init(
            uid: String? = nil, tip: String? = nil, pack: Int? = nil, error: Failure? = nil, taken: String? = nil,
            refused: Failure? = nil, end: Int? = nil
        ) {
            self.uid = uid; self.tip = tip; self.pack = pack; self.error = error; self.taken = taken
            self.refused = refused; self.end = end
        }
    }

    /// A case that could not be answered, as `DocketError` says it (the client rebuilds the same error).
    public struct Failure: Codable, Sendable, Equatable {
        public var kind: String
        public var key: String
        public var zh: String
        public var en: String

        public init(_ error: DocketError) {
            kind = error.kind.rawValue; key = error.key; zh = error.chineseMessage; en = error.englishMessage
        }

        /// A refusal by the authority policy or the arrival rules: its reasons in Chinese, and in English, apart.
        public init(refusedChinese chinese: String, english: String) {
            kind = DocketError.Kind.notAllowed.rawValue; key = "sync.push-refused"; zh = chinese; en = english
        }

        /// The error again, on the receiving side.
        public var error: DocketError {
            DocketError(DocketError.Kind(rawValue: kind) ?? .unavailable, key: key, zh: zh, en: en)
        }
    }

    /// The bytes of one frame.
    public static func frame(_ header: Header, pack: [UInt8] = []) -> [UInt8] {
        // Keys sorted: a case the peer may not see answers byte for byte as a missing one (uid aside).
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = Array((try? encoder.encode(header)) ?? Data("{}".utf8))
        let length = UInt32(json.count)
        var out: [UInt8] = []
        out.reserveCapacity(4 + json.count + pack.count)
        out += [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
        out += json
        out += pack
        return out
    }

}

/// Why a batch stream could not be read further (what came before it stays taken): cut, or not of the format.
public struct BatchStreamBroken: Error, CustomStringConvertible {
    public let reason: DocketError
    public var description: String { "\(reason)" }

    public init(zh why: String, en whyEnglish: String) {
        reason = DocketError(
            .unavailable, key: "sync.batch-broken", zh: "批量同步的数据流中断或有误：\(why)。",
            en: "The batched sync stream broke off or is malformed: \(whyEnglish).")
    }
}

/// The request of a batched fetch: the cases wanted, each with the commits the client holds of it (its copy of the
/// server's `main`, and its own `main`), so that only what is new travels.
public struct BatchFetchRequest: Codable, Sendable, Equatable {
    public struct Want: Codable, Sendable, Equatable {
        public var uid: String
        public var haves: [String]
        public init(uid: String, haves: [String]) { self.uid = uid; self.haves = haves }
    }
    public var v: Int
    public var cases: [Want]

    /// The most cases one request may name, and the most commits per case.
    public static let maxCases = 1_000
    public static let maxHaves = 4
    /// The largest request body a server reads.
    public static let maxBytes = 1 << 20

    public init(cases: [Want]) { v = BatchStream.version; self.cases = cases }

    /// The request's problem, or nil when a server can answer it.
    public var problem: String? {
        if v != BatchStream.version { return "version \(v) is not \(BatchStream.version)" }
        if cases.count > Self.maxCases { return "more than \(Self.maxCases) cases" }
        if let bad = cases.first(where: { !Identifier.isCaseUID($0.uid) || $0.haves.count > Self.maxHaves }) {
            return "case \(bad.uid.prefix(40)) is not a case uid or names too many commits"
        }
        return nil
    }
}

/// Reads a batch stream from a file (the client keeps the response on disk, not in memory, so a batch of any size
/// costs the same memory), frame by frame.
public final class BatchReader {
    private let handle: FileHandle
    /// The download still writing the file, if any: a read past what is on disk waits for it.
    private let download: BatchDownload?

    /// Opens the stream in `handle` (following `download`, which is still writing it, if given); throws when it
    /// does not start as one.
    public init(_ handle: FileHandle, following download: BatchDownload? = nil) throws {
        self.handle = handle
        self.download = download
        guard let start = try read(BatchStream.magic.count), start == BatchStream.magic else {
            throw BatchStreamBroken(zh: "应答不是批量同步数据流", en: "the answer is not a batch stream")
        }
    }

    /// The next frame's header; nil where the input ends (a stream without its `end` frame was cut).
    public func next() throws -> BatchStream.Header? {
        guard let prefix = try read(4) else { return nil }
        let length = prefix.reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, length <= BatchStream.maxHeaderBytes else {
            throw BatchStreamBroken(zh: "帧头长\(length)字节", en: "a header of \(length) bytes")
        }
        guard let json = try read(length) else { return nil }
        do { return try JSONDecoder().decode(BatchStream.Header.self, from: Data(json)) } catch {
            throw BatchStreamBroken(zh: "帧头不是 JSON", en: "a header that is not JSON")
        }
    }

    /// Passes the `length` pack bytes that follow the last header to `sink`, in chunks. Returns false when the input
    /// ends first (a cut).
    public func pack(_ length: Int, into sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard length <= BatchStream.maxPackBytes else {
            throw BatchStreamBroken(zh: "数据包长\(length)字节", en: "a pack of \(length) bytes")
        }
        return try passBytes(length, of: handle, into: sink)
    }

    /// Skips the `length` pack bytes that follow the last header and says where in the file they lie, so that a
    /// case can be read later, by another thread (`BatchPackSpan`); nil when the input ends first (a cut).
    public func skipPack(_ length: Int) throws -> BatchPackSpan? {
        guard length <= BatchStream.maxPackBytes else {
            throw BatchStreamBroken(zh: "数据包长\(length)字节", en: "a pack of \(length) bytes")
        }
        let start = try handle.offset()
        download?.awaitBytes(start + UInt64(length))
        let size = try handle.seekToEnd()
        guard size - start >= UInt64(length) else { return nil }
        try handle.seek(toOffset: start + UInt64(length))
        return BatchPackSpan(offset: start, length: length)
    }

    /// Exactly `count` bytes, or nil at the end of the input.
    private func read(_ count: Int) throws -> [UInt8]? {
        if let download { download.awaitBytes(try handle.offset() + UInt64(count)) }
        var out: [UInt8] = []
        while out.count < count {
            guard let chunk = try handle.read(upToCount: count - out.count), !chunk.isEmpty else { return nil }
            out += chunk
        }
        return out
    }
}

/// Where one case's pack lies in a stream kept on disk: read by a handle of its own, so that the cases of one
/// stream are indexed and checked on several threads at once.
public struct BatchPackSpan: Sendable, Equatable {
    public let offset: UInt64
    public let length: Int

    /// Passes the span's bytes of `file` to `sink`, in chunks; false when the file ends first.
    public func read(from file: URL, into sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        try handle.seek(toOffset: offset)
        return try passBytes(length, of: handle, into: sink)
    }
}

/// Passes the next `length` bytes of `handle` to `sink`, in chunks of at most 1 MiB; false when the input ends first.
private func passBytes(
    _ length: Int, of handle: FileHandle, into sink: (UnsafeRawBufferPointer) throws -> Void
) throws -> Bool {
    var left = length
    while left > 0 {
        guard let chunk = try handle.read(upToCount: min(left, 1 << 20)), !chunk.isEmpty else { return false }
        try chunk.withUnsafeBytes { try sink($0) }
        left -= chunk.count
    }
    return true
}
