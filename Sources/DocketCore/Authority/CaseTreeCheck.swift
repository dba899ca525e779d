/// Checks on a case tree as a whole, beyond single records: names a stock git clone can check out everywhere,
/// only the places the replicated format has, and each document folder holding its metadata and exactly the one
/// file it describes, with the bytes it describes.
public enum CaseTreeCheck {
    /// Why one entry name of a tree cannot stand, or nil: empty, `.`, `..`, `.git` in any case (and its 8.3 short
    /// name), control characters, backslashes, or longer than 255 bytes.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty || name == "." || name == ".." { return "the name \"\(name)\" is not a file name" }
        let lower = name.lowercased()
        if lower == ".git" || lower.hasPrefix("git~") || lower.hasPrefix(".git.") {
            return "the name \"\(name)\" is reserved by git"
        }
        if name.unicodeScalars.contains(where: {
            $0.value < 0x20 || $0.value == 0x7f || (0x80..<0xa0).contains($0.value)
        }) {
            return "a name contains control characters"
        }
        if name.contains("\\") { return "the name \"\(name)\" contains a backslash" }
        if name.utf8.count > 255 { return "a name is longer than 255 bytes" }
        return nil
    }

    /// Names of one folder that differ only by case (they overwrite each other on case-insensitive disks).
    public static func caseCollisions(_ names: [String]) -> [String] {
        var seen: [String: String] = [:], clashes: [String] = []
        for name in names {
            if let other = seen.updateValue(name, forKey: name.lowercased()), other != name {
                clashes.append("\(other) / \(name)")
            }
        }
        return clashes
    }

    /// Problems with the layout of a tree's files (`paths`, every file of the tree): case.json present, every path
    /// a place of the format, every document folder holding `meta.json` and the one file its metadata names.
    /// `meta` gives a document folder's parsed `meta.json` (nil when unreadable).
    public static func layoutProblems(paths: [String], meta: (String) -> JSONValue?) -> [String] {
        var problems: [String] = []
        if !paths.contains("case.json") { problems.append("the tree has no case.json") }
        var folders: [String: [String]] = [:]
        for path in paths {
            guard RecordKind.of(path: path) != nil else {
                problems.append("\(path) is not a place the case format has"); continue
            }
            let parts = path.split(separator: "/")
            if parts[0] == "documents" { folders[String(parts[1]), default: []].append(String(parts[2])) }
        }
        for (id, names) in folders.sorted(by: { $0.key < $1.key }) {
            guard names.contains("meta.json") else { problems.append("documents/\(id)/ has no meta.json"); continue }
            let described = meta(id)?["name"]?.stringValue
            let content = names.filter { $0 != "meta.json" }
            if content != [described ?? ""].filter({ !$0.isEmpty }) || described == nil {
                problems.append(
                    "documents/\(id)/ must hold meta.json and exactly the file it names (\(described ?? "—")); it "
                        + "holds \(content.sorted().joined(separator: ", "))"
                )
            }
        }
        return problems
    }

    /// Why a document's bytes do not match its metadata, or nil: size and SHA-256 as described, and no larger than
    /// the receiving node's `documents.maxBytes`.
    public static func contentProblem(meta: JSONValue, size: Int64, sha256: String, maxBytes: Int64) -> String? {
        let path = "documents/\(meta["id"]?.stringValue ?? "?")/\(meta["name"]?.stringValue ?? "?")"
        if size > maxBytes {
            return "\(path) has \(size) bytes, more than this node's documents.maxBytes (\(maxBytes))"
        }
        if meta["size"]?.intValue != size {
            return "\(path) has \(size) bytes, but its meta.json says \(meta["size"]?.intValue.map(String.init) ?? "—")"
        }
        if meta["sha256"]?.stringValue != sha256 { return "\(path) does not have the SHA-256 its meta.json names" }
        return nil
    }
}
