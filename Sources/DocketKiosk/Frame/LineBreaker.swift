/// Breaks text into lines of a display width the way people read it: Latin words stay whole (a word longer than a
/// line is cut), Chinese breaks between characters, and by the rules of Chinese line breaking (GB/T 15834 and
/// common typesetting practice, 禁则) no line starts with closing punctuation (。，、；：？！）」』】》 …) and none ends
/// with opening punctuation (（「『【《 …): such a character takes its neighbour with it to the next line.
public enum LineBreaker {
    /// Characters that may not begin a line.
    static let noStart: Set<Character> = Set("。，、；：？！）」』】》〉〕］｝…—～%,.;:!?)]}’”·%")
    /// Characters that may not end a line.
    static let noEnd: Set<Character> = Set("（「『【《〈〔［｛(‘“[{")

    /// `text` as lines of at most `width` columns; explicit newlines are kept, leading spaces of a wrapped line
    /// dropped.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).flatMap {
            paragraph(String($0), width: width)
        }
    }

    /// A run that is kept together: a Latin word (with its trailing spaces), or one wide character.
    private struct Token { var text: String; var width: Int; var isSpace: Bool }

    private static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        var word = ""
        func flush() {
            if !word.isEmpty { out.append(Token(text: word, width: DisplayWidth.of(word), isSpace: false)); word = "" }
        }
        for c in text {
            if c == " " {
                flush(); out.append(Token(text: " ", width: 1, isSpace: true))
            } else if DisplayWidth.of(c) == 2 || noStart.contains(c) || noEnd.contains(c) {
                // Wide characters and punctuation break on their own; the rules below keep punctuation attached.
                flush(); out.append(Token(text: String(c), width: DisplayWidth.of(c), isSpace: false))
            } else {
                word.append(c)
            }
        }
        flush()
        return out
    }

    private static func paragraph(_ text: String, width: Int) -> [String] {
        var queue = tokens(text)[...]
        var lines: [[Token]] = []
        var line: [Token] = []
        var used = 0
        func lineWidth(_ tokens: [Token]) -> Int { tokens.reduce(0) { $0 + $1.width } }
        while let token = queue.first {
            if used + token.width <= width || (line.isEmpty && token.width <= width) {
                if !(line.isEmpty && token.isSpace && !lines.isEmpty) { line.append(token); used += token.width }
                queue = queue.dropFirst()
                continue
            }
            if token.isSpace { queue = queue.dropFirst(); lines.append(line); line = []; used = 0; continue }
            if line.isEmpty || token.width > width {
                // A word longer than the line: cut it where the line ends.
                var head = "", rest = Substring(token.text)
                while let c = rest.first, used + DisplayWidth.of(head) + DisplayWidth.of(c) <= width {
                    head.append(c); rest = rest.dropFirst()
                }
                if head.isEmpty && line.isEmpty { head = String(rest.prefix(1)); rest = rest.dropFirst() }
                if !head.isEmpty { line.append(Token(text: head, width: DisplayWidth.of(head), isSpace: false)) }
                queue = queue.dropFirst()
                if !rest.isEmpty {
                    queue = [Token(text: String(rest), width: DisplayWidth.of(String(rest)), isSpace: false)] + queue
                }
                lines.append(line); line = []; used = 0
                continue
            }
            // The line is full. Closing punctuation must not open the next line, nor opening punctuation end this
            // one: carry characters over until both hold (never emptying the line).
            var carried: [Token] = []
            if let first = token.text.first, noStart.contains(first) {
                while line.count > 1, let last = line.last, !last.isSpace {
                    carried.insert(line.removeLast(), at: 0)
                    if !(last.text.first.map(noStart.contains) ?? false) { break }
                }
            }
            while line.count > 1, let last = line.last, let c = last.text.last, noEnd.contains(c) {
                carried.insert(line.removeLast(), at: 0)
            }
            while let last = line.last, last.isSpace { line.removeLast() }
            lines.append(line)
            line = carried
            used = lineWidth(line)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines.map { tokens in
            var text = tokens.map(\.text).joined()
            while text.last == " " { text.removeLast() }
            return text
        }
    }
}
