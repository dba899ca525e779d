/// A position on the screen, zero-based.
public struct ScreenPosition: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) { self.row = row; self.column = column }
}

/// A screenful of cells that knows each character's display width: what `render` produces and the curses
/// layer copies to the terminal.
///
/// Guarantees: no row ever holds more than `columns` display columns; a wide (2-column) character always has
/// its second column inside the frame, so none starts in the last column; overwriting half of a wide
/// character blanks the other half instead of leaving a torn glyph.
public struct Frame: Equatable, Sendable {
    /// One terminal cell.
    public enum Cell: Equatable, Sendable {
        /// An empty cell (drawn as a space).
        case blank
        /// A character starting in this cell, with its width (1 or 2).
        case glyph(Character, width: Int)
        /// The right half of the wide character in the cell to the left.
        case continuation
        /// A cell of a QR code: two modules stacked (true = dark). The terminal draws it in explicit black and white,
        /// whatever its colour scheme: a space when both are alike (never an ambiguous-width glyph), else `▀`.
        case module(top: Bool, bottom: Bool)
    }

    public let rows: Int
    public let columns: Int
    /// The cells, row by row.
    public private(set) var cells: [[Cell]]
    /// Where the real cursor should sit (the focused field), or nil to hide it.
    public var cursor: ScreenPosition?

    /// A blank frame; negative sizes count as 0.
    public init(rows: Int, columns: Int) {
        self.rows = max(0, rows)
        self.columns = max(0, columns)
        cells = Array(repeating: Array(repeating: .blank, count: max(0, columns)), count: max(0, rows))
    }

    /// Writes `text` from (`row`, `column`), clipping at the right edge (and at `limit` columns when given);
    /// returns the column after the last character written. Zero-width characters and controls are dropped
    /// (they cannot be placed reliably on a terminal grid); a wide character that would not fit whole stops
    /// the write.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, limit: Int? = nil) -> Int {
        guard row >= 0, row < rows, column >= 0 else { return column }
        let end = min(columns, limit.map { column + $0 } ?? columns)
        var x = column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            if x + width > end { break }
            put(.glyph(character, width: width), row: row, column: x)
            if width == 2 { put(.continuation, row: row, column: x + 1) }
            x += width
        }
        return x
    }

    /// Writes `text` centred on `row`.
    public mutating func writeCentered(_ text: String, row: Int) {
        let width = DisplayWidth.of(text)
        write(text, row: row, column: max(0, (columns - width) / 2))
    }

    /// Writes `text` so that it ends at the right edge.
    public mutating func writeRight(_ text: String, row: Int) {
        write(text, row: row, column: max(0, columns - DisplayWidth.of(text)))
    }

    /// Puts one QR cell at (`row`, `column`); outside the frame it is dropped.
    public mutating func putModule(top: Bool, bottom: Bool, row: Int, column: Int) {
        guard row >= 0, row < rows, column >= 0, column < columns else { return }
        put(.module(top: top, bottom: bottom), row: row, column: column)
    }

    private mutating func put(_ cell: Cell, row: Int, column: Int) {
        // Blank any wide character we are about to cut in half.
        if case .continuation = cells[row][column], column > 0, cell != .continuation {
            cells[row][column - 1] = .blank
        }
        if case .glyph(_, 2) = cells[row][column], column + 1 < columns {
            cells[row][column + 1] = .blank
        }
        cells[row][column] = cell
    }

    /// The text of one row, blanks as spaces, trailing spaces kept (exactly `columns` display columns).
    public func line(_ row: Int) -> String {
        var out = ""
        for cell in cells[row] {
            switch cell {
            case .blank: out.append(" ")
            case .glyph(let c, _): out.append(c)
            case .continuation: break
            case .module(let top, let bottom): out.append(Self.moduleText(top: top, bottom: bottom))
            }
        }
        return out
    }

    /// A QR cell as text, dark modules drawn: `█`, `▀`, `▄` or a space (golden files and captures read this way).
    public static func moduleText(top: Bool, bottom: Bool) -> Character {
        switch (top, bottom) {
        case (true, true): return "█"
        case (true, false): return "▀"
        case (false, true): return "▄"
        case (false, false): return " "
        }
    }

    /// The whole frame as text, one line per row with trailing spaces removed: the golden-file form.
    public var text: String {
        (0..<rows).map { row -> String in
            var line = line(row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
