/// The kinds of file a case repository holds, by where they sit in the replicated format (docs/ARCHITECTURE.md).
/// Nothing else may sit in a case tree.
public enum RecordKind: String, Codable, CaseIterable, Sendable {
    /// `case.json`.
    case caseRecord = "case"
    /// `parties/<id>.json`.
    case party
    /// `documents/<id>/meta.json`.
    case document
    /// `documents/<id>/<name>`: the bytes the metadata describes.
    case documentContent = "document-content"
    /// `docket/<time>-<node>.json`: the timeline, append-only.
    case timeline
    /// `payments/<id>.json`: assessments, payments, refunds.
    case payment
    /// `service/<id>.json`: electronic service of a document.
    case service
    /// `conflicts/<id>.json`: merge conflicts.
    case conflict
    /// `filings/<id>.json`: service requests (preservation, mediation, enforcement, …).
    case filing
    /// `hearings/<id>.json`.
    case hearing

    /// The kind of the file at `path`, or nil when the format has no such place.
    public static func of(path: String) -> RecordKind? {
        if path == "case.json" { return .caseRecord }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0] == "documents" {
            return parts[2] == "meta.json" ? .document : .documentContent
        }
        guard parts.count == 2, parts[1].hasSuffix(".json"), parts[1].count > 5 else { return nil }
        switch parts[0] {
        case "parties": return .party
        case "docket": return .timeline
        case "payments": return .payment
        case "service": return .service
        case "conflicts": return .conflict
        case "filings": return .filing
        case "hearings": return .hearing
        default: return nil
        }
    }

    /// The record schema name a file of this kind carries (nil for document bytes).
    public var schema: String? {
        switch self {
        case .caseRecord: CaseRecord.schema
        case .party: PartyRecord.schema
        case .document: DocumentMeta.schema
        case .documentContent: nil
        case .timeline: DocketEntry.schema
        case .payment: PaymentRecord.schema
        case .service: ServiceRecord.schema
        case .conflict: ConflictRecord.schema
        case .filing: FilingRecord.schema
        case .hearing: HearingRecord.schema
        }
    }

    /// Where it sits, as `docket policy` shows it.
    public var place: String {
        switch self {
        case .caseRecord: "case.json"
        case .party: "parties/<id>.json"
        case .document: "documents/<id>/meta.json"
        case .documentContent: "documents/<id>/<name>"
        case .timeline: "docket/<time>-<node>.json"
        case .payment: "payments/<id>.json"
        case .service: "service/<id>.json"
        case .conflict: "conflicts/<id>.json"
        case .filing: "filings/<id>.json"
        case .hearing: "hearings/<id>.json"
        }
    }

    public var chinese: String {
        switch self {
        case .caseRecord: "案件信息"
        case .party: "当事人"
        case .document: "卷宗材料（元数据）"
        case .documentContent: "卷宗材料（文件内容）"
        case .timeline: "案件流程记录"
        case .payment: "诉讼费核定、缴费与退费"
        case .service: "电子送达"
        case .conflict: "同步冲突"
        case .filing: "诉讼服务申请"
        case .hearing: "庭审"
        }
    }

    public var english: String {
        switch self {
        case .caseRecord: "case record"
        case .party: "party"
        case .document: "document metadata"
        case .documentContent: "document bytes"
        case .timeline: "timeline entry"
        case .payment: "fee assessment, payment or refund"
        case .service: "electronic service"
        case .conflict: "merge conflict"
        case .filing: "service request"
        case .hearing: "hearing"
        }
    }
}
