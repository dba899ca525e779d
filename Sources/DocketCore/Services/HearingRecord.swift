/// How a hearing is held.
public enum HearingMode: String, Codable, CaseIterable, Sendable {
    case online
    case inPerson = "in-person"

    /// 在线庭审 / 现场开庭.
    public var chinese: String { self == .online ? "在线庭审" : "现场开庭" }
}

/// Where a hearing stands. Only a court moves it.
public enum HearingState: String, Codable, CaseIterable, Sendable {
    case scheduled, held, cancelled
}

/// A hearing, `hearings/<id>.json`: when and how, the notice, the transcript and each party's signature on it.
///
/// Court-owned (`x-court-owned`): everything the court decides (`state`, `mode`, `startsAt`, `place`, `scheduledOn`,
/// `noticeDocumentId`, `heldOn`, `transcript*`). `signatures` belongs to the parties: one member per party, so two
/// nodes collecting different signatures offline merge without conflict.
public struct HearingRecord: PathedRecord, Equatable {
    public static let schema = "docket.hearing/1"
    public static let explicitNullFields = ["place", "noticeDocumentId", "heldOn", "transcriptDocumentId",
                                            "transcriptSha256", "transcriptFiledAt"]

    public var id: String
    public var state: HearingState
    public var mode: HearingMode
    /// Start, Asia/Shanghai wall time ("2026-12-10T09:30").
    public var startsAt: LocalDateTime
    /// Courtroom, or the online hearing room's link.
    public var place: String?
    /// The day the hearing was scheduled and its notice issued; at least 3 days before `startsAt` (CPL art. 139).
    public var scheduledOn: LocalDate
    /// The hearing notice in the dossier (served electronically by the service records).
    public var noticeDocumentId: String?
    /// The day the hearing took place; the 5 days to read and sign the transcript run from it (CPL art. 150).
    public var heldOn: LocalDate?
    /// The transcript in the dossier and the SHA-256 (lower-case hex) of its bytes, which signatures bind.
    public var transcriptDocumentId: String?
    public var transcriptSha256: String?
    public var transcriptFiledAt: HybridTimestamp?
    /// Party id → that party's confirmation or signature of the transcript.
    public var signatures: [String: TranscriptSignature]
    public var createdAt: HybridTimestamp
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(id: String, mode: HearingMode, startsAt: LocalDateTime, place: String?, scheduledOn: LocalDate,
                noticeDocumentId: String? = nil, at time: HybridTimestamp, by node: String) {
        self.id = id; self.state = .scheduled; self.mode = mode; self.startsAt = startsAt; self.place = place
        self.scheduledOn = scheduledOn; self.noticeDocumentId = noticeDocumentId; self.heldOn = nil
        self.transcriptDocumentId = nil; self.transcriptSha256 = nil; self.transcriptFiledAt = nil
        self.signatures = [:]; self.createdAt = time; self.updatedAt = time; self.updatedBy = node
    }

    /// Its file in the case tree.
    public var path: String { "hearings/\(id).json" }

    /// The fewest whole days between scheduling and the hearing day (CPL art. 139: notice at least 3 days before).
    public static let minimumNoticeDays = 3

    /// Refuses a hearing day less than 3 days after the day of notice, in English and Chinese.
    public static func checkNotice(scheduledOn: LocalDate, startsAt: LocalDateTime) throws {
        let days = scheduledOn.days(until: startsAt.date)
        guard days >= minimumNoticeDays else {
            throw DocketError("A hearing on \(startsAt.date) gives only \(max(days, 0)) day(s) of notice from \(scheduledOn); the parties must be notified at least 3 days before (CPL art. 139). Choose \(scheduledOn.adding(days: minimumNoticeDays)) or later. 开庭应当在三日前通知当事人，通知期限不足。")
        }
    }

    /// The parties (of `partyIds`) who have neither confirmed nor signed the transcript yet.
    public func unsignedParties(_ partyIds: [String]) -> [String] { partyIds.filter { signatures[$0] == nil } }
}
