import DocketKiosk
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A filing receipt for an ESC/POS receipt printer: Chinese text in GB18030 (the printers' Chinese character mode),
/// the filing number as a QR code, then a cut; written to the printer's device file (a plain file in tests).
public enum ReceiptPrinter {
    /// The bytes for `receipt`. Throws `ReceiptPrinterError.encoding` when a text cannot be put in GB18030.
    public static func escPos(_ receipt: KioskReceipt) throws -> [UInt8] {
        var out: [UInt8] = [0x1B, 0x40]  // ESC @: initialise
        out += [0x1C, 0x26]  // FS &: Chinese character mode
        out += [0x1B, 0x61, 0x01]  // ESC a 1: centred
        out += [0x1D, 0x21, 0x11] + (try gb18030(receipt.court)) + [0x0A]  // GS ! double width and height
        out += [0x1D, 0x21, 0x00] + (try gb18030(receipt.title)) + [0x0A, 0x0A]
        out += [0x1B, 0x61, 0x00]  // left
        for line in receipt.lines { out += try gb18030("\(line.label)：\(line.value)") + [0x0A] }
        out += [0x0A, 0x1B, 0x61, 0x01]
        out += qrCode(receipt.qr)
        out += [0x0A, 0x1B, 0x61, 0x00] + (try gb18030(receipt.note)) + [0x0A]
        out += [0x1B, 0x64, 0x04]  // ESC d 4: feed four lines
        out += [0x1D, 0x56, 0x42, 0x00]  // GS V 66 0: feed and cut
        return out
    }

    /// GS ( k: store `text` as a model 2 QR code (module size 6, error correction M), then print it.
    static func qrCode(_ text: String) -> [UInt8] {
        let data = Array(text.utf8)
        let length = data.count + 3
        var out: [UInt8] = []
        out += [0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]  // model 2
        out += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]  // module size 6
        out += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]  // error correction M
        out += [0x1D, 0x28, 0x6B, UInt8(length & 0xFF), UInt8(length >> 8), 0x31, 0x50, 0x30] + data  // store
        out += [0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]  // print
        return out
    }

    /// `text` in GB18030, through the C library's iconv.
    public static func gb18030(_ text: String) throws -> [UInt8] {
        try convert(Array(text.utf8), from: "UTF-8", to: "GB18030")
    }

    /// GB18030 bytes back to text (for checking a printout).
    public static func text(fromGB18030 bytes: [UInt8]) throws -> String {
        String(decoding: try convert(bytes, from: "GB18030", to: "UTF-8"), as: UTF8.self)
    }

    static func convert(_ input: [UInt8], from: String, to: String) throws -> [UInt8] {
        let converter = iconv_open(to, from)
        guard converter != iconv_t(bitPattern: -1) else { throw ReceiptPrinterError.encoding }
        defer { iconv_close(converter) }
        var source = input.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 16)
        let written: Int = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPointer = src.baseAddress, inLeft = src.count
                var outPointer = dst.baseAddress, outLeft = dst.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1 || inLeft == 0 else {
                    return -1
                }
                return dst.count - outLeft
            }
        }
        guard written >= 0 else { throw ReceiptPrinterError.encoding }
        return output.prefix(written).map { UInt8(bitPattern: $0) }
    }

    /// Writes the receipt to the printer's device file (appending: a file stands in for the device in tests).
    public static func print(_ receipt: KioskReceipt, device: String) throws {
        let bytes = try escPos(receipt)
        let descriptor = open(device, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard descriptor >= 0 else { throw ReceiptPrinterError.device(device) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard n > 0 else { throw ReceiptPrinterError.device(device) }
            offset += n
        }
    }
}

/// Why a receipt did not print.
public enum ReceiptPrinterError: Error, Equatable, CustomStringConvertible {
    case encoding
    case device(String)
    public var description: String {
        switch self {
        case .encoding: return "The receipt's text cannot be put in GB18030."
        case .device(let path): return "The receipt printer \(path) cannot be written."
        }
    }
}
