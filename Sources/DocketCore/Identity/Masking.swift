/// The one masking rule for identity numbers, phone numbers and similar strings wherever they are shown or
/// logged.
///
/// Keep the first 3 and the last 4 characters and replace everything between with "*", one per
/// character. For an 18-character resident ID the birth date (characters 7–14) is always hidden; for a
/// mobile number this gives the familiar 138****5678. Strings of 10 characters or fewer would reveal too
/// much, so they are masked entirely.
public enum Masking {
    /// `number` masked by the rule above; surrounding spaces are dropped first.
    public static func mask(_ number: String) -> String {
        let characters = Array(number.trimmingSpaces)
        guard characters.count > 10 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 7)
            + String(characters.suffix(4))
    }
}
