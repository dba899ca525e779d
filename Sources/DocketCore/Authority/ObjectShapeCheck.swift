/// The byte-level shape of the git objects a case's history may hold, checked on every path where history arrives
/// (the batched fetch and push, the git fetch, the pre-receive hook, bundles) before anything else reads them.
///
/// Why: libgit2 parses a tree with a duplicate or out-of-order entry, a zero-padded mode, or a commit with extra
/// headers without complaint, and so did Docket. Stock git's `fsck` refuses them, and a checkout of such a tree is
/// not well defined (which of two same-named entries wins?). `git receive-pack` with `receive.fsckObjects` guarded
/// the git push; the batched transfer runs no git process, and pulls never had the check. One check here serves all.
public enum ObjectShapeCheck {
    /// One thing wrong with an object, said in Chinese and in English.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var chinese: String
        public var english: String
        public var description: String { english }

        init(_ chinese: String, _ english: String) { self.chinese = chinese; self.english = english }
    }

    /// Why a raw tree object (`<mode> <name>\0<20-byte id>`…) is not one a Docket node writes: an entry that cannot
    /// be read, a mode other than exactly `100644` (a file) or `40000` (a folder), an empty name or one with `/`,
    /// entries not strictly in git's order (a folder sorts as `name/`), or a name twice. Empty when well formed.
    public static func treeProblems(_ raw: [UInt8]) -> [String] { treeFindings(raw).map(\.english) }

    /// `treeProblems` in both languages.
    public static func treeFindings(_ raw: [UInt8]) -> [Problem] {
        var problems: [Problem] = []
        var index = 0
        var previous: (name: [UInt8], isFolder: Bool)?
        while index < raw.count {
            guard let space = raw[index...].firstIndex(of: 0x20) else {
                problems.append(.init("目录中有一项没有文件模式", "a tree entry has no mode")); break
            }
            let mode = Array(raw[index..<space])
            guard let nul = raw[(space + 1)...].firstIndex(of: 0), nul + 21 <= raw.count else {
                problems.append(.init("目录中有一项不完整", "a tree entry is cut short")); break
            }
            let name = Array(raw[(space + 1)..<nul])
            let shown = String(decoding: name, as: UTF8.self)
            let isFolder = mode == Array("40000".utf8)
            if !isFolder && mode != Array("100644".utf8) {
                let spelled = String(decoding: mode, as: UTF8.self)
                problems.append(
                    .init(
                        "\(shown) 的模式为 \(spelled)（只允许 100644 和 40000）",
                        "\(shown) has mode \(spelled) (only 100644 and 40000)"))
            }
            if name.isEmpty || name.contains(0x2F) {
                problems.append(.init("目录中有一项名为“\(shown)”", "a tree entry has the name \"\(shown)\""))
            }
            if let previous {
                switch gitOrder(previous, (name, isFolder)) {
                case .same: problems.append(.init("\(shown) 在同一目录中出现两次", "\(shown) appears twice in one tree"))
                case .descending:
                    problems.append(
                        .init("\(shown) 在其目录中未按 git 的顺序排列", "\(shown) is out of git's order in its tree"))
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
    public static func commitProblems(_ raw: [UInt8]) -> [String] { commitFindings(raw).map(\.english) }

    /// `commitProblems` in both languages.
    public static func commitFindings(_ raw: [UInt8]) -> [Problem] {
        guard let end = headerEnd(raw) else {
            return [.init("提交的头部之后没有空行", "the commit has no blank line after its header")]
        }
        let lines = raw[..<end].split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var problems: [Problem] = []
        var stage = 0  // 0 before tree, 1 parents, 2 after author, 3 after committer (the optional headers)
        var optional: Set<String> = []
        for line in lines {
            let (key, value) = split(line)
            switch (stage, key) {
            case (0, "tree"):
                if !isObjectID(value) {
                    problems.append(.init("tree 行没有指向对象", "the tree line does not name an object"))
                }
                stage = 1
            case (1, "parent"):
                if !isObjectID(value) {
                    problems.append(.init("parent 行没有指向对象", "a parent line does not name an object"))
                }
            case (1, "author"), (2, "committer"):
                if let problem = identityProblem(value) {
                    problems.append(.init("\(key)：\(problem.chinese)", "\(key): \(problem.english)"))
                }
                stage += 1
            case (3, "encoding"), (3, "docketsig"):
                if !optional.insert(key).inserted {
                    problems.append(.init("头部 \(key) 出现两次", "the header \(key) appears twice"))
                }
                if value.isEmpty { problems.append(.init("头部 \(key) 为空", "the header \(key) is empty")) }
            default:
                let shown = line.count > 40 ? String(line.prefix(40)) + "…" : line
                problems.append(
                    .init(
                        "头部行“\(shown)”不是依次排列的 tree、parent、author、committer、encoding、docketsig 之一",
                        "the header line \"\(shown)\" is not one of tree, parent, author, committer, encoding, "
                            + "docketsig in that order"))
                return problems
            }
        }
        if stage < 3 {
            problems.append(
                .init("提交缺少 tree、author 或 committer 行", "the commit lacks a tree, author or committer line"))
        }
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
    private static func identityProblem(_ value: String) -> Problem? {
        let bytes = Array(value.utf8)
        guard let open = bytes.firstIndex(of: 0x3C), let close = bytes.firstIndex(of: 0x3E), open < close else {
            return .init("没有 <电子邮箱>", "no <email>")
        }
        let name = bytes[..<open]
        guard name.count >= 2, name.last == 0x20, !name.dropLast().isEmpty else {
            return .init("电子邮箱前没有名字", "no name before the email")
        }
        if name.contains(0x3E) || bytes[(open + 1)..<close].contains(0x3C) || bytes.contains(0x0A) {
            return .init("尖括号或换行的位置不对", "an angle bracket or line break out of place")
        }
        let rest = String(decoding: bytes[(close + 1)...], as: UTF8.self)
        let parts = rest.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].isEmpty else {
            return .init("电子邮箱后没有时间", "no time after the email")
        }
        let seconds = parts[1], zone = Array(parts[2].utf8)
        guard !seconds.isEmpty, seconds.allSatisfy(\.isASCIIDigit), seconds == "0" || !seconds.hasPrefix("0") else {
            return .init("时间 \(seconds) 不是秒数", "the time \(seconds) is not seconds")
        }
        let zoneDigits = zone.dropFirst().allSatisfy { (0x30...0x39).contains($0) }
        guard zone.count == 5, zone[0] == 0x2B || zone[0] == 0x2D, zoneDigits else {
            return .init("时区 \(parts[2]) 不是 ±hhmm 格式", "the zone \(parts[2]) is not ±hhmm")
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
