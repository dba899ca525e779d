import DocketCore
import Foundation
import MultipartKit
import NIOCore

/// A submitted form: its fields (a name may repeat, in order) and its uploaded files. Read from
/// `application/x-www-form-urlencoded` or `multipart/form-data` (MultipartKit's parser).
public struct DeskForm: Sendable {
    /// An uploaded file: the name the browser gave, and its bytes.
    public struct Upload: Sendable {
        public var field: String
        public var fileName: String
        public var bytes: [UInt8]
    }

    public var fields: [(name: String, value: String)] = []
    public var uploads: [Upload] = []

    public init() {}

    /// The first value of `name`, trimmed; nil when missing or blank.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }?.nilIfEmpty
    }

    /// Every non-blank value of `name`, in order.
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map { $0.value.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }

    /// Parses a body of `contentType`; anything else is an error a person can act on.
    public static func parse(_ body: ByteBuffer, contentType: String?) throws -> DeskForm {
        let type = (contentType ?? "").lowercased()
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = Self.boundary(contentType ?? "") else { throw malformed() }
            return try multipart(body, boundary: boundary)
        }
        guard type.isEmpty || type.hasPrefix("application/x-www-form-urlencoded") else { throw malformed() }
        return urlEncoded(String(buffer: body))
    }

    /// `a=1&b=x+y&b=%E5%BC%A0`: `+` is a space, percent escapes are UTF-8.
    public static func urlEncoded(_ text: String) -> DeskForm {
        var form = DeskForm()
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            form.fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
        return form
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func multipart(_ body: ByteBuffer, boundary: String) throws -> DeskForm {
        final class Collector {
            var form = DeskForm()
            var headers: [(String, String)] = []
            var bytes: [UInt8] = []
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in collector.bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let disposition = collector.headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            let name = Self.parameter("name", in: disposition) ?? ""
            if let fileName = Self.parameter("filename", in: disposition) {
                if !fileName.isEmpty || !collector.bytes.isEmpty {
                    collector.form.uploads.append(Upload(field: name, fileName: fileName, bytes: collector.bytes))
                }
            } else {
                collector.form.fields.append((name, String(decoding: collector.bytes, as: UTF8.self)))
            }
            collector.headers = []
            collector.bytes = []
        }
        do { try parser.execute(body) } catch { throw malformed() }
        return collector.form
    }

    /// A parameter of a Content-Disposition header (`name="x"`), unquoted.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == key else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }

    static func malformed() -> DocketError {
        DocketError(
            .invalidInput, key: "desk.form-malformed", zh: "表单内容无法读取，请重新提交。",
            en: "The form could not be read; please send it again.")
    }
}
