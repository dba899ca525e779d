import Foundation
import GRDB

/// The two-character index (`case_pairs`, migration 0019): what makes a search for two characters — 张伟, 借款 — a
/// token lookup instead of a scan of every case, which the trigram index of `case_search` cannot answer.
enum CasePairs {
    /// Every distinct pair of adjacent letters or digits in `texts` (never across two texts), space-separated:
    /// each pair is one token of FTS5's unicode61 tokenizer, which keeps letters and digits together and splits at
    /// anything else. Pairs holding another character could not be one token and are left out (such a search
    /// falls back to a scan).
    static func pairs(_ texts: [String]) -> String {
        var seen = Set<String>(), out: [String] = []
        for text in texts {
            var previous: Unicode.Scalar?
            for scalar in text.unicodeScalars {
                guard isTokenCharacter(scalar) else { previous = nil; continue }
                if let previous {
                    let pair = String(String.UnicodeScalarView([previous, scalar]))
                    if seen.insert(pair).inserted { out.append(pair) }
                }
                previous = scalar
            }
        }
        return out.joined(separator: " ")
    }

    /// Whether a search text is answered by this index: exactly two letters or digits.
    static func answers(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 2 && scalars.allSatisfy(isTokenCharacter)
    }

    /// Letters, digits and private-use characters: what unicode61 keeps inside a token.
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber,
            .letterNumber, .otherNumber, .privateUse:
            true
        default: false
        }
    }

    /// Writes the pairs of one case (its row in `case_search`).
    static func insert(rowID: Int64, texts: [String], in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO case_pairs (rowid, pairs) VALUES (?, ?)")
            .execute(arguments: [rowID, pairs(texts)])
    }

    /// Fills the table from `case_search` for every case it does not hold yet (the migration's step for cases
    /// indexed before it).
    static func fill(_ db: Database) throws {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT rowid, title, cause, claims, parties FROM case_search
                WHERE rowid NOT IN (SELECT rowid FROM case_pairs)
                """)
        var pending: [(Int64, [String])] = []
        while let row = try rows.next() {
            pending.append((row[0], (1...4).map { (row[$0] as String?) ?? "" }))
        }
        for (rowID, texts) in pending { try insert(rowID: rowID, texts: texts, in: db) }
    }
}
