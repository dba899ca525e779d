import DocketTerminal

/// A QR code as inline SVG, drawn on the server from libqrencode's modules (`QRCodeEncoder`): one path of unit
/// squares on a white square with the standard four-module quiet zone, crisp at any size and in print.
enum DeskQRCode {
    /// The quiet zone around the code, in modules (ISO/IEC 18004).
    static let quietZone = 4

    /// The SVG of `text`'s QR code, `size` CSS pixels wide, labelled `label` for screen readers (escaped here).
    static func svg(_ text: String, label: String, size: Int = 240) throws -> String {
        let modules = try QRCodeEncoder.modules(for: text)
        let side = modules.count + 2 * quietZone
        var path = ""
        for (y, row) in modules.enumerated() {
            for (x, dark) in row.enumerated() where dark {
                path += "M\(x + quietZone) \(y + quietZone)h1v1h-1z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" width="\(size)" height="\(size)" \
            role="img" aria-label="\(escape(label))" shape-rendering="crispEdges" class="qr">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
