import HTTPTypes
import Hummingbird

/// The head of a CGI response: the status and headers a CGI program prints before its body.
struct CGIResponseHead: Sendable, Equatable {
    /// From the `Status:` header; 200 when absent (302 when only `Location:` is given, as CGI/1.1 says).
    var status: HTTPResponse.Status
    /// Every other header except hop-by-hop ones (`Connection`, `Transfer-Encoding`, …) and `Content-Length`.
    var headers: HTTPFields
    /// From `Content-Length:`, so the HTTP layer can frame the body without chunking.
    var contentLength: Int?
}

/// Why a CGI program's output could not be read as a response.
enum CGIResponseParseError: Error, Equatable {
    /// No blank line within `CGIResponseParser.maxHeadBytes`: not a CGI head, and we will not buffer more.
    case headTooLarge
    /// A header line without a colon, or a `Status:` that is not a three-digit code.
    case malformedHeader(String)
}

/// Accumulates the first bytes of a CGI program's stdout until the blank line that ends its headers
/// (CRLF or bare LF line ends), then hands back the parsed head and whatever body bytes came with it.
///
/// It never holds more than `maxHeadBytes` plus one chunk: the body after the head is streamed by the caller.
struct CGIResponseParser {
    /// The largest head accepted; git's heads are a few hundred bytes.
    static let maxHeadBytes = 64 * 1024

    private var pending = ByteBuffer()

    /// Headers that describe one hop of the connection, which the HTTP server frames itself.
    private static let hopByHop: Set<String> = [
        "connection", "keep-alive", "transfer-encoding", "upgrade", "te", "trailer",
    ]

    init() {}

    /// Bytes buffered so far while waiting for the end of the head.
    var bufferedBytes: Int { pending.readableBytes }

    /// Feeds the next chunk of stdout. Returns the head and the body bytes after it once the blank line has been
    /// seen, `nil` while more bytes are needed, and throws when the head is malformed or too long.
    mutating func feed(_ chunk: ByteBuffer) throws -> (head: CGIResponseHead, body: ByteBuffer)? {
        var chunk = chunk
        pending.writeBuffer(&chunk)
        guard let (lines, bodyStart) = pending.withUnsafeReadableBytes(Self.splitHead) else {
            if pending.readableBytes > Self.maxHeadBytes { throw CGIResponseParseError.headTooLarge }
            return nil
        }
        let head = try Self.parse(lines: lines)
        pending.moveReaderIndex(forwardBy: bodyStart)
        let body = pending
        pending = ByteBuffer()
        return (head, body)
    }

    /// Finds the header lines (without their CR/LF) and the offset where the body starts, or nil if the blank
    /// line has not arrived yet.
    private static func splitHead(_ bytes: UnsafeRawBufferPointer) -> (lines: [String], bodyStart: Int)? {
        var lines: [String] = []
        var lineStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "\n") {
                var lineEnd = index
                if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                if lineEnd == lineStart { return (lines, index + 1) }
                lines.append(String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self))
                lineStart = index + 1
            }
            index += 1
        }
        return nil
    }

    private static func parse(lines: [String]) throws -> CGIResponseHead {
        var status: HTTPResponse.Status?
        var headers = HTTPFields()
        var contentLength: Int?
        var hasLocation = false
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw CGIResponseParseError.malformedHeader(line) }
            let name = line[..<colon].trimmingSpaces()
            let value = line[line.index(after: colon)...].trimmingSpaces()
            switch name.lowercased() {
            case "status":
                status = try parseStatus(value)
            case "content-length":
                guard let length = Int(value), length >= 0 else { throw CGIResponseParseError.malformedHeader(line) }
                contentLength = length
            case let lower where hopByHop.contains(lower):
                continue
            default:
                // A name HTTP cannot carry is dropped rather than failing the whole response.
                guard let fieldName = HTTPField.Name(name) else { continue }
                if fieldName == .location { hasLocation = true }
                headers.append(HTTPField(name: fieldName, value: value))
            }
        }
        return CGIResponseHead(
            status: status ?? (hasLocation ? .found : .ok), headers: headers,
            contentLength: contentLength)
    }

    /// `Status: 404 Not Found` → 404 with its reason phrase.
    private static func parseStatus(_ value: String) throws -> HTTPResponse.Status {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard let codeText = parts.first, codeText.count == 3, let code = Int(codeText), (100...599).contains(code)
        else {
            throw CGIResponseParseError.malformedHeader("Status: \(value)")
        }
        let reason = parts.count > 1 ? String(parts[1]) : ""
        return HTTPResponse.Status(code: code, reasonPhrase: reason)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (the only whitespace CGI headers use).
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
