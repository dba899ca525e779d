import CQREncode

/// Encodes text as a QR code with libqrencode, the only place that calls it.
public enum QRCodeEncoder {
    /// The modules of a QR code for `text` at error-correction level M, `modules[y][x]` true for dark, without a
    /// quiet zone (the screen draws one). Throws when the text is too long for any QR version.
    public static func modules(for text: String) throws -> [[Bool]] {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else {
            throw QRCodeError(text: text)
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        return (0..<width).map { y in (0..<width).map { x in data[y * width + x] & 1 == 1 } }
    }
}

/// A text libqrencode could not encode.
public struct QRCodeError: Error, CustomStringConvertible {
    public var text: String
    public var description: String { "Cannot encode \(text.utf8.count) bytes as a QR code." }
}
