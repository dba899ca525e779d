/// The byte-level shape of the git objects a case's history may hold, checked on every path where history arrives
/// (the batched fetch and push, the git fetch, the pre-receive hook, bundles) before anything else reads them.
///
/// Why: libgit2 parses a tree with a duplicate or out-of-order entry, a zero-padded mode, or a commit with extra
/// headers without complaint, and so did Docket. Stock git's `fsck` refuses them, and a checkout of such a tree is
/// not well defined (which of two same-named entries wins?). `git receive-pack` with `receive.fsckObjects` guarded
/// the git push; the batched transfer runs no git process, and pulls never had the check. One check here serves all.
public enum ObjectShapeCheck {
    /// Why a raw tree object (`<mode> <name>\0<20-byte id>`…) is not one a Docket node writes: an entry that cannot
    /// be read, a mode other than exactly `100644` (a file) or `40000` (a folder), an empty name or one with `/`,
    /// entries not strictly in git's order (a folder sorts as `name/`), or a name twice. Empty when well formed.
    public static func treeProblems(_ raw: [UInt8]) -> [String] {
        var problems: [String] = []
        var index = 0
        var previous: (name: [UInt8], isFolder: Bool)?
        while index < raw.count {
            guard let space = raw[index...].firstIndex(of: 0x20) else {
                problems.append("a tree entry has no mode"); break
            }
            let mode = Array(raw[index..<space])
            guard let nul = raw[(space + 1)...].firstIndex(of: 0), nul + 21 <= raw.count else {
                problems.append("a tree entry is cut short"); break
            }
            let name = Array(raw[(space + 1)..<nul])
            let shown = String(decoding: name, as: UTF8.self)
            let isFolder = mode == Array("40000".utf8)
            if !isFolder && mode != Array("100644".utf8) {
                problems.append("\(shown) has mode \(String(decoding: mode, as: UTF8.self)) (only 100644 and 40000)")
            }
            if name.isEmpty || name.contains(0x2F) { problems.append("a tree entry has the name \"\(shown)\"") }
            if let previous {
                switch gitOrder(previous, (name, isFolder)) {
                case .same: problems.append("\(shown) appears twice in one tree")
                case .descending: problems.append("\(shown) is out of git's order in its tree")
                case .ascending: break
                }
            }
            previous = (name, isFolder)
            index = nul + 21
        }
        return problems
    }

    /// Why a raw commit object is not one a Docket node writes. The header must be exactly `tree`, then any
    /// `parent` lines, `author`, `committer`, then at most one `encoding` and at most one `docketsig`, each one line
    /// (no continuation lines, no `gpgsig`, `mergetag` or unknown header), ended by a blank line; the ids 40
    /// lowercase hex digits; each identity `name <email> seconds ±hhmm` with a name that is not empty and free of
    /// `<`, `>` and line breaks. Empty when well formed.
    public static func commitProblems(_ raw: [UInt8]) -> [String] {
        guard let end = headerEnd(raw) else { return ["the commit has no blank line after its header"] }
        let lines = raw[..<end].split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var problems: [String] = []
        var stage = 0  // 0 tree, 1 parents, 2 author, 3 committer, 4 optional headers
        var optional: Set<String> = []
        for line in lines {
            let (key, value) = split(line)
            switch (stage, key) {
            case (0, "tree"):
                if !isObjectID(value) { problems.append("the tree line does not name an object") }
                stage = 1
            case (1, "parent"):
                if !isObjectID(value) { problems.append("a parent line does not name an object") }
            case (1, "author"):
                if let problem = identityProblem(value) { problems.append("author: \(problem)") }
                stage = 2
            case (2, "committer"):
                if let problem = identityProblem(value) { problems.append("committer: \(problem)") }
                stage = 3
            case (3, "encoding"), (3, "docketsig"):
                if !optional.insert(key).inserted { problems.append("the header \(key) appears twice") }
                if value.isEmpty { problems.append("the header \(key) is empty") }
            default:
                let shown = line.count > 40 ? String(line.prefix(40)) + "…" : line
                problems.append("the header line \"\(shown)\" is not one of tree, parent, author, committer, encoding, "
                    + "docketsig in that order")
                return problems
            }
        }
        if stage < 3 { problems.append("the commit lacks a tree, author or committer line") }
        return problems
    }

    private enum Order { case ascending, same, descending }

    /// Git's order of tree entries: bytes compared as they are, a folder's name as if it ended in `/`.
    private static func gitOrder(_ a: (name: [UInt8], isFolder: Bool), _ b: (name: [UInt8], isFolder: Bool)) -> Order {
        if a.name == b.name { return .same }
        let left = a.name + (a.isFolder ? [0x2F] : []), right = b.name + (b.isFolder ? [0x2F] : [])
        if left == right { return .same }
        return left.lexicographicallyPrecedes(right) ? .ascending : .descending
    }

    private static func headerEnd(_ raw: [UInt8]) -> Int? {
        var index = 0
        while index + 1 < raw.count {
            if raw[index] == 0x0A && raw[index + 1] == 0x0A { return index }
            index += 1
        }
        return nil
    }

    private static func split(_ line: String) -> (key: String, value: String) {
        guard let space = line.firstIndex(of: " ") else { return (line, "") }
        return (String(line[..<space]), String(line[line.index(after: space)...]))
    }

    private static func isObjectID(_ text: String) -> Bool {
        text.utf8.count == 40 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Why `name <email> 1733563200 +0800` is not a well-formed identity, or nil.
    private static func identityProblem(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard let open = bytes.firstIndex(of: 0x3C), let close = bytes.firstIndex(of: 0x3E), open < close else {
            return "no <email>"
        }
        let name = bytes[..<open]
        guard name.count >= 2, name.last == 0x20, !name.dropLast().isEmpty else { return "no name before the email" }
        if name.contains(0x3E) || bytes[(open + 1)..<close].contains(0x3C) || bytes.contains(0x0A) {
            return "an angle bracket or line break out of place"
        }
        let rest = String(decoding: bytes[(close + 1)...], as: UTF8.self)
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty else { return "no time after the email" }
        let seconds = parts[1], zone = Array(parts[2].utf8)
        guard !seconds.isEmpty, seconds.allSatisfy(\.isASCIIDigit), seconds == "0" || !seconds.hasPrefix("0") else {
            return "the time \(seconds) is not seconds"
        }
        let zoneDigits = zone.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
        guard zone.count == 5, zone[0] == 0x2B || zone[0] == 0x2D, zoneDigits else {
            return "the zone \(parts[2]) is not ±hhmm"
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
