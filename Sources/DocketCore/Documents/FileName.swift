/// Makes a person's file name safe to store in a case tree and to write back to any disk.
public enum FileName {
    /// The longest name kept, in UTF-8 bytes (most file systems allow 255).
    public static let maximumBytes = 200

    /// The last path component of `name` with control characters removed; refuses names that are empty,
    /// `.`/`..`, or that try to climb out of their folder (`../x`, `a/../../b`, `C:\x`), naming the reason.
    ///
    /// Refusing rather than silently rewriting a hostile name keeps a person from being surprised by a
    /// different file than the one they chose.
    public static func sanitize(_ name: String) throws -> String {
        if name.contains("/") || name.contains("\\") {
            throw DocketError(
                .invalidInput, key: "document.file-name-has-folder", zh: "文件名“\(name)”包含文件夹分隔符，"
                    + "请只填写文件名。",
                en: "The file name \"\(name)\" contains a folder separator; give the name of the file only.")
        }
        if name.unicodeScalars.contains(where: {
            $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value)
        }) {
            throw DocketError(
                .invalidInput, key: "document.file-name-control-characters", zh: "文件名包含控制字符。",
                en: "The file name contains control characters.")
        }
        let trimmed = name.trimmingSpaces
        if trimmed.isEmpty || trimmed == "." || trimmed == ".." || trimmed.hasPrefix("..") {
            throw DocketError(
                .invalidInput, key: "document.file-name-unusable", zh: "“\(name)”不是可用的文件名。",
                en: "\"\(name)\" is not a usable file name.")
        }
        if trimmed == "meta.json" {
            throw DocketError(
                .invalidInput, key: "document.file-name-reserved", zh: "“meta.json”是文书说明的保留文件名，"
                    + "请重命名该文件。",
                en: "\"meta.json\" is reserved for the document's description; rename the file.")
        }
        if trimmed.utf8.count > maximumBytes {
            throw DocketError(
                .invalidInput, key: "document.file-name-too-long", zh: "文件名超过\(maximumBytes)字节。",
                en: "The file name is longer than \(maximumBytes) bytes.")
        }
        return trimmed
    }

    /// A media type from the name's extension, for display and e-mail attachments.
    public static func mediaType(of name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "pdf": return "application/pdf"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "html", "htm": return "text/html; charset=utf-8"
        case "jpg", "jpeg": return "image/jpeg"
        case "png": return "image/png"
        case "doc": return "application/msword"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "ofd": return "application/ofd"
        case "json": return "application/json"
        case "zip": return "application/zip"
        default: return "application/octet-stream"
        }
    }
}
