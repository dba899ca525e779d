import Crypto
import Foundation

/// The kiosk administrator's PIN as stored in the node setting `kiosk.pinHash`: "sha256$<salt>$<hash>", the
/// hash taken 100,000 times over salt and PIN. The PIN itself is never stored, shown or logged.
public enum AdminPIN {
    static let rounds = 100_000

    /// The setting value for `pin`, with a fresh random salt. Throws unless the PIN is 4–8 digits.
    public static func hash(_ pin: String) throws -> String {
        guard (4...8).contains(pin.count), pin.allSatisfy(\.isASCII), pin.allSatisfy(\.isNumber) else {
            throw AdminPINError("The administrator PIN is 4 to 8 digits.")
        }
        let salt = (0..<16).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return "sha256$\(salt)$\(digest(pin, salt: salt))"
    }

    /// Whether `pin` matches the stored value; an empty or malformed value matches nothing (the admin mode stays
    /// shut until a PIN is set).
    public static func verify(_ pin: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 3, parts[0] == "sha256" else { return false }
        let expected = Array(parts[2].utf8), actual = Array(digest(pin, salt: parts[1]).utf8)
        guard expected.count == actual.count else { return false }
        return zip(expected, actual).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func digest(_ pin: String, salt: String) -> String {
        var value = Array(SHA256.hash(data: Array("\(salt)|\(pin)".utf8)))
        for _ in 1..<rounds { value = Array(SHA256.hash(data: value)) }
        return value.map { String(format: "%02x", $0) }.joined()
    }
}

/// A PIN that cannot be set, as a sentence.
public struct AdminPINError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
