/// The number a filer is given before the court assigns a case number (立案编号): the last ten characters of the
/// case uid, upper-case, in two groups ("7K3QF-M2ZXA").
///
/// Derived from the uid, so every node agrees on it without coordination, and 50 random bits keep it unique.
/// People read it back with mistakes: case, dashes and spaces do not matter, and O/I/L read as 0/1/1.
public enum FilingNumber {
    /// The filing number of a case uid.
    public static func of(uid: String) -> String {
        let tail = String(uid.suffix(10)).uppercased()
        return "\(tail.prefix(5))-\(tail.suffix(5))"
    }

    /// The uid suffix (lower case, ten characters) a typed filing number stands for, or nil when the text cannot be
    /// one.
    public static func uidSuffix(_ text: String) -> String? {
        var out = ""
        for character in text.lowercased() {
            switch character {
            case "-", " ": continue
            case "o": out.append("0")
            case "i", "l": out.append("1")
            default:
                guard let ascii = character.asciiValue, Identifier.alphabet.contains(ascii) else { return nil }
                out.append(character)
            }
        }
        return out.count == 10 ? out : nil
    }
}
