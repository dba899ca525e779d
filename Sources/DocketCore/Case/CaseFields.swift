/// The case-record fields a person may change with `case edit`, each with its check.
///
/// Status and case number are not here: only the court's own steps (accept, reject, …) move them.
public enum CaseFields {
    /// Field names accepted by `case edit`.
    public static let editable = ["title", "cause", "claims", "facts", "claimAmount", "caseType", "court"]

    /// Sets one field from a person's text.
    public static func apply(_ field: String, text: String, to record: inout CaseRecord) throws {
        let value = text.trimmingSpaces
        switch field {
        case "title", "cause":
            guard !value.isEmpty else {
                throw DocketError(
                    .invalidInput, key: "case.field-empty", zh: "\(field)不能为空。", en: "\(field) cannot be empty.")
            }
            if field == "title" { record.title = value } else { record.cause = value }
        case "claims": record.claims = value
        case "facts": record.facts = value.isEmpty ? nil : value
        case "claimAmount":
            record.claimAmountFen = value.isEmpty ? nil : try Fen(parsingYuan: value).value
        case "caseType":
            guard FilingInput.caseTypes.contains(value) else {
                throw DocketError(
                    .invalidInput, key: "case.case-type-invalid",
                    zh: "caseType 应为以下之一：\(FilingInput.caseTypes.joined(separator: ", "))。",
                    en: "caseType must be one of: \(FilingInput.caseTypes.joined(separator: ", ")).")
            }
            try requireUnaccepted(record, field)
            record.caseType = value
        case "court":
            guard !value.isEmpty else {
                throw DocketError(
                    .invalidInput, key: "case.court-empty", zh: "court 不能为空。", en: "court cannot be empty.")
            }
            try requireUnaccepted(record, field)
            record.court = value
        case "status", "caseNumber", "uid", "filedAt", "filedBy", "updatedAt", "updatedBy":
            throw DocketError(
                .notAllowed, key: "case.field-not-editable", zh: "\(field)由 Docket 或法院的办理步骤设定，"
                    + "不能直接编辑。",
                en: "\(field) is set by Docket or by the court's own steps, not by editing.")
        default:
            throw DocketError(
                .invalidInput, key: "case.field-unknown",
                zh: "“\(field)”不是可设置的案件字段；可用字段：\(editable.joined(separator: ", "))。",
                en: "\"\(field)\" is not a case field you can set; use one of: \(editable.joined(separator: ", ")).")
        }
    }

    private static func requireUnaccepted(_ record: CaseRecord, _ field: String) throws {
        guard record.status == .submitted || record.status == .correctionRequested else {
            throw DocketError(
                .conflict, key: "case.field-locked", zh: "案件已为\(record.status.rawValue)状态，\(field)不能再修改。",
                en: "\(field) cannot change once the court has \(record.status.rawValue) the case.")
        }
    }
}
