import DocketCore
import Foundation

/// The firm's filing form as data: the fields a person typed (case fields, then one row per party, `p<n>.<field>`),
/// turned into the filing document `FilingInput.check` reads, and every problem it finds said in people's words
/// (原告1（张伟）证件号码 … rather than parties[0].idNumber).
public struct FilingForm: Sendable {
    /// One party row.
    public struct Row: Sendable, Equatable {
        public var index: Int
        public var values: [String: String]
        public var role: String { values["role"] ?? "plaintiff" }
    }

    /// The case fields, by name.
    public var fields: [String: String]
    /// The party rows, in order.
    public var rows: [Row]

    /// Reads the form's fields (the last value of a name wins: a checkbox sends nothing when off).
    public init(fields: [(name: String, value: String)]) {
        var caseFields: [String: String] = [:]
        var rows: [Int: [String: String]] = [:]
        for (name, value) in fields {
            if name.hasPrefix("p"), let dot = name.firstIndex(of: "."),
                let index = Int(name[name.index(after: name.startIndex)..<dot])
            {
                rows[index, default: [:]][String(name[name.index(after: dot)...])] = value
            } else {
                caseFields[name] = value
            }
        }
        self.fields = caseFields
        self.rows = rows.keys.sorted().map { Row(index: $0, values: rows[$0]!) }
    }

    /// A new form with one plaintiff and one defendant.
    public static func blank(court: String?) -> FilingForm {
        var form = FilingForm(fields: [])
        form.fields["court"] = court ?? ""
        form.fields["caseType"] = "civil"
        form.rows = [Row(index: 0, values: ["role": "plaintiff"]), Row(index: 1, values: ["role": "defendant"])]
        return form
    }

    /// Adds an empty row for a party of `role`.
    public mutating func addRow(role: PartyRole) {
        rows.append(Row(index: (rows.map(\.index).max() ?? -1) + 1, values: ["role": role.rawValue]))
    }

    /// Rows a person left wholly empty are not parties.
    var filledRows: [Row] {
        rows.filter { row in
            row.values.contains { key, value in
                !["role", "kind", "idKind"].contains(key) && !value.trimmingCharacters(in: .whitespaces).isEmpty
            }
        }
    }

    /// The filing document (`docket case new`'s JSON), with `firm` (this node) as the firm of every representative.
    public func document(firm: String) -> [UInt8] {
        func text(_ value: String?) -> Any {
            let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            return trimmed.isEmpty ? NSNull() : trimmed
        }
        var document: [String: Any] = [
            "court": text(fields["court"]), "caseType": text(fields["caseType"]), "cause": text(fields["cause"]),
            "claimAmount": text(fields["claimAmount"]), "claims": text(fields["claims"]),
            "facts": text(fields["facts"]), "title": text(fields["title"]),
        ]
        document["parties"] = filledRows.map { row -> [String: Any] in
            let v = row.values
            var party: [String: Any] = [
                "role": row.role, "name": text(v["name"]), "kind": text(v["kind"]), "idKind": text(v["idKind"]),
                "idNumber": text(v["idNumber"]), "phone": text(v["phone"]), "email": text(v["email"]),
                "address": text(v["address"]), "electronicService": v["consent"] == "on",
            ]
            if !(v["rep"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                party["representative"] = [
                    "name": text(v["rep"]), "firm": firm, "licenseNumber": text(v["repLicense"]),
                    "phone": text(v["repPhone"]),
                ]
            }
            return party
        }
        return Array((try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data())
    }

    /// Checks the form: the filing, or every problem in people's words (nothing is filed while any remains).
    public func check(firm: String, today: LocalDate, english: Bool) -> (FilingInput?, [String]) {
        let (input, problems) = FilingInput.check(document(firm: firm), today: today)
        return (input, problems.map { words($0.message(in: english ? .english : .chinese), english: english) })
    }

    /// `parties[1].idNumber …` as `被告1（李四）证件号码 …`; case fields by their names.
    func words(_ message: String, english: Bool) -> String {
        var text = message
        let filled = filledRows
        let separator = english ? ": " : ""
        for (position, row) in filled.enumerated().reversed() {
            let prefix = "parties[\(position)]."
            guard text.contains(prefix) else { continue }
            let role = PartyRole(rawValue: row.role) ?? .plaintiff
            let number = filled.prefix(position + 1).filter { $0.role == row.role }.count
            let name = (row.values["name"] ?? "").trimmingCharacters(in: .whitespaces)
            let label =
                ConflictWording.roleName(role, english: english) + (english ? " \(number)" : "\(number)")
                + (name.isEmpty ? "" : english ? " (\(name))" : "（\(name)）")
            for field in Self.fieldOrder {
                text = text.replacingOccurrences(
                    of: prefix + field, with: label + separator + ConflictWording.fieldName(field, english: english))
            }
            text = text.replacingOccurrences(of: prefix, with: label + separator)
        }
        for field in Self.fieldOrder where text.hasPrefix(field) {
            text = ConflictWording.fieldName(field, english: english) + text.dropFirst(field.count)
            break
        }
        return text
    }

    /// Longest first, so `representative.name` is named before `name`.
    static let fieldOrder = [
        "representative.licenseNumber", "representative.phone", "representative.email", "representative.name",
        "representative", "electronicService", "claimAmount", "caseType", "idNumber", "idKind", "cause", "claims",
        "court", "phone", "email", "address", "facts", "title", "name", "role", "kind",
    ]
}
