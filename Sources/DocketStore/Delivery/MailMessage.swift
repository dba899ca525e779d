import Foundation

/// An RFC 5322 e-mail with one attachment (MIME multipart/mixed, UTF-8 text, base64 bodies), as a
/// sendmail-compatible command reads it on stdin.
struct MailMessage {
    var from: String
    var to: String
    var subject: String
    var body: String
    var attachmentName: String
    var attachmentType: String
    var attachment: [UInt8]
    var messageID: String
    var date: Date

    /// The message text with CRLF line ends.
    func rendered() -> [UInt8] {
        let boundary = "docket-" + messageID.filter { $0.isLetter || $0.isNumber }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        var lines = [
            "From: \(from)", "To: \(to)", "Subject: \(Self.encodedWord(subject))",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "",
            "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "",
        ]
        lines += Self.wrapped(Data(body.utf8).base64EncodedString())
        lines += [
            "--\(boundary)",
            "Content-Type: \(attachmentType); name=\"\(Self.encodedWord(attachmentName))\"",
            "Content-Disposition: attachment; filename*=UTF-8''"
                + "\(attachmentName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "file")",
            "Content-Transfer-Encoding: base64", "",
        ]
        lines += Self.wrapped(Data(attachment).base64EncodedString())
        lines += ["--\(boundary)--", ""]
        return Array(lines.joined(separator: "\r\n").utf8)
    }

    /// RFC 2047 encoded word for non-ASCII header text.
    static func encodedWord(_ text: String) -> String {
        text.allSatisfy(\.isASCII) ? text : "=?UTF-8?B?\(Data(text.utf8).base64EncodedString())?="
    }

    static func wrapped(_ base64: String) -> [String] {
        var lines: [String] = []
        var rest = Substring(base64)
        while !rest.isEmpty { lines.append(String(rest.prefix(76))); rest = rest.dropFirst(76) }
        return lines
    }
}
