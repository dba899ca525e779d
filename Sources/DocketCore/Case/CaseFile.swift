/// A case as the domain sees it: the records of one commit of its repository.
///
/// Built from the record files of a tree (see `isRecordPath`); document bytes are not needed to build it.
public struct CaseFile: Equatable, Sendable {
    public var record: CaseRecord
    /// Sorted by id.
    public var parties: [PartyRecord]
    /// Sorted by id.
    public var documents: [DocumentMeta]
    /// Sorted by time, then node.
    public var timeline: [DocketEntry]
    /// Fee assessments, payments and refunds, sorted by id; `fees` sums them up.
    public var payments: [PaymentRecord]
    /// Electronic service of documents to parties, sorted by id.
    public var services: [ServiceRecord]
    /// Merge conflicts, open and resolved, sorted by id.
    public var conflicts: [ConflictRecord]
    /// Service requests (preservation, mediation, enforcement, …), sorted by id.
    public var filings: [FilingRecord]
    /// Hearings, sorted by id.
    public var hearings: [HearingRecord]

    public init(
        record: CaseRecord, parties: [PartyRecord], documents: [DocumentMeta], timeline: [DocketEntry],
        payments: [PaymentRecord] = [], services: [ServiceRecord] = [], conflicts: [ConflictRecord] = [],
        filings: [FilingRecord] = [], hearings: [HearingRecord] = []
    ) {
        self.record = record
        self.parties = parties.sorted { $0.id < $1.id }
        self.documents = documents.sorted { $0.id < $1.id }
        self.timeline = timeline.sorted { ($0.at, $0.node) < ($1.at, $1.node) }
        self.payments = payments.sorted { $0.id < $1.id }
        self.services = services.sorted { $0.id < $1.id }
        self.conflicts = conflicts.sorted { $0.id < $1.id }
        self.filings = filings.sorted { $0.id < $1.id }
        self.hearings = hearings.sorted { $0.id < $1.id }
    }

    /// The fee position: assessed, paid, refunded, outstanding.
    public var fees: FeeAccount { FeeAccount(payments) }

    /// Parses the record files of a case tree, naming the file that fails. With a `cache`, files it has seen
    /// (same path, same bytes) are not parsed again, and the ones parsed now are added to it.
    public init(files: [String: [UInt8]], cache: RecordCache? = nil) throws {
        guard let caseBytes = files["case.json"] else {
            throw DocketError(
                .internal, key: "case.no-case-json", zh: "案件缺少 case.json。", en: "The case has no case.json.")
        }
        func parse<R: Record>(_ type: R.Type, _ path: String, _ bytes: [UInt8]) throws -> R {
            if let known: R = cache?.record(at: path, bytes: bytes) { return known }
            do {
                let record = try R.decode(bytes)
                cache?.remember(record, at: path, bytes: bytes)
                return record
            } catch {
                throw DocketError(
                    .internal, key: "case.record-invalid", zh: "案件文件\(path)有误：\(error.chineseMessage)",
                    en: "\(path): \(error.englishMessage)")
            }
        }
        var parties: [PartyRecord] = [], documents: [DocumentMeta] = [], timeline: [DocketEntry] = []
        var payments: [PaymentRecord] = [], services: [ServiceRecord] = [], conflicts: [ConflictRecord] = []
        var filings: [FilingRecord] = [], hearings: [HearingRecord] = []
        for (path, bytes) in files where path != "case.json" {
            switch Self.folder(of: path) {
            case "parties": parties.append(try parse(PartyRecord.self, path, bytes))
            case "documents": documents.append(try parse(DocumentMeta.self, path, bytes))
            case "docket": timeline.append(try parse(DocketEntry.self, path, bytes))
            case "payments": payments.append(try parse(PaymentRecord.self, path, bytes))
            case "service": services.append(try parse(ServiceRecord.self, path, bytes))
            case "conflicts": conflicts.append(try parse(ConflictRecord.self, path, bytes))
            case "filings": filings.append(try parse(FilingRecord.self, path, bytes))
            case "hearings": hearings.append(try parse(HearingRecord.self, path, bytes))
            default: continue
            }
        }
        self.init(
            record: try parse(CaseRecord.self, "case.json", caseBytes), parties: parties, documents: documents,
            timeline: timeline, payments: payments, services: services, conflicts: conflicts,
            filings: filings, hearings: hearings)
    }

    /// True for the paths whose bytes `init(files:)` needs: `case.json`, `parties/*.json`, `documents/*/meta.json`,
    /// `docket/*.json`, `payments/*.json`, `service/*.json`, `conflicts/*.json`, `filings/*.json`, `hearings/*.json`.
    public static func isRecordPath(_ path: String) -> Bool {
        if path == "case.json" { return true }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.first {
        case "parties", "docket", "payments", "service", "conflicts", "filings", "hearings":
            return parts.count == 2 && parts[1].hasSuffix(".json")
        case "documents": return parts.count == 3 && parts[2] == "meta.json"
        default: return false
        }
    }

    private static func folder(of path: String) -> Substring? { path.split(separator: "/").first }

    /// The party with this id, if any.
    public func party(_ id: String) -> PartyRecord? { parties.first { $0.id == id } }

    /// The document with this id, if any.
    public func document(_ id: String) -> DocumentMeta? { documents.first { $0.id == id } }
}
