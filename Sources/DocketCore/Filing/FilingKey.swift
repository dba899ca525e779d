/// What makes two filings the same case filed twice: the court, the type of case, every party by role and identity
/// (its ID number, or its name when it gives none), the cause and the claim amount. Derived, so every node computes
/// the same key for the same filing; the index keeps it per case, so a filer is warned before filing a case again and
/// the clerk sees the duplicates in the review queue.
public enum FilingKey {
    /// The key of a filing about to be made.
    public static func of(_ input: FilingInput) -> String {
        key(
            court: input.court, caseType: input.caseType, cause: input.cause, claimAmountFen: input.claimAmount?.value,
            parties: input.parties.map { ($0.role, $0.name, $0.idNumber) })
    }

    /// The key of a filed case (as the filing stands now).
    public static func of(_ file: CaseFile) -> String {
        key(
            court: file.record.court, caseType: file.record.caseType, cause: file.record.cause,
            claimAmountFen: file.record.claimAmountFen,
            parties: file.parties.map { ($0.role, $0.name, $0.idNumber) })
    }

    static func key(
        court: String, caseType: String, cause: String, claimAmountFen: Int64?, parties: [(PartyRole, String, String?)]
    ) -> String {
        let people = parties.map { role, name, idNumber in
            "\(role.rawValue):\(idNumber.map { $0.uppercased() } ?? name.trimmingSpaces)"
        }.sorted()
        let text = ([court, caseType, cause.trimmingSpaces, claimAmountFen.map(String.init) ?? "-"] + people).joined(
            separator: "\n")
        return "k" + SHA256.hex(Array(text.utf8)).prefix(24)
    }
}
