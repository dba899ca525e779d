/// Practical checks for the contact details parties give (mobile numbers, e-mail addresses).
public enum ContactCheck {
    /// The 11-digit form of a mainland mobile number (1[3-9] and 9 more digits), or nil.
    ///
    /// Accepts an optional +86 / 86 / 0086 country prefix and spaces or hyphens between groups
    /// ("+86 138-0013-8000" → "13800138000").
    public static func mobile(_ text: String) -> String? {
        var digits = ""
        for (index, character) in text.trimmingSpaces.enumerated() {
            if character == "+" && index == 0 { continue }
            if character == " " || character == "-" { continue }
            guard character.isASCII, character.isNumber else { return nil }
            digits.append(character)
        }
        for prefix in ["0086", "86"] where digits.count == 11 + prefix.count && digits.hasPrefix(prefix) {
            digits.removeFirst(prefix.count)
        }
        guard digits.count == 11, digits.first == "1", let second = digits.dropFirst().first,
            ("3"..."9").contains(second)
        else { return nil }
        return digits
    }

    /// Whether `text` is a usable e-mail address: one "@", a local part of 1–64 characters without
    /// leading, trailing or doubled dots, and a domain of at least two labels ending in a 2+ letter
    /// top-level domain. ASCII only; at most 254 characters.
    public static func email(_ text: String) -> Bool {
        let address = text.trimmingSpaces
        guard address.count <= 254, address.allSatisfy(\.isASCII) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard (1...64).contains(local.count), local.allSatisfy({ localAllowed.contains($0) }),
            !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard (1...63).contains(label.count),
                label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
                !label.hasPrefix("-"), !label.hasSuffix("-")
            else { return false }
        }
        guard let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { return false }
        return true
    }
}
