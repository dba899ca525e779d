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

/// One version of a hearing's transcript: the document in the dossier, the SHA-256 of its bytes, and the parties'
/// signatures of exactly that version. A corrected transcript is a new version; the earlier ones and the
/// signatures made on them stay in the record.
public struct TranscriptVersion: Codable, Equatable, Sendable {
    /// 1 for the first transcript, then 2, 3, …
    public var version: Int
    public var documentId: String
    /// Lower-case hex SHA-256 of the version's bytes, which its signatures bind.
    public var sha256: String
    public var filedAt: HybridTimestamp
    /// Party id → that party's confirmation or signature of this version.
    public var signatures: [String: TranscriptSignature]

    public init(
        version: Int, documentId: String, sha256: String, filedAt: HybridTimestamp,
        signatures: [String: TranscriptSignature] = [:]
    ) {
        self.version = version; self.documentId = documentId; self.sha256 = sha256; self.filedAt = filedAt
        self.signatures = signatures
    }
}

/// A hearing, `hearings/<id>.json`: when, where and how, who presides, the notice, and the transcript in its
/// versions with each party's signature of each version.
///
/// Court-owned (`x-court-owned`): everything the court decides (`state`, `mode`, `startsAt`, `endsAt`, `place`,
/// `judge`, `scheduledOn`, `noticeDocumentId`, `heldOn`, the versions). A version's `signatures` belong to the
/// parties: one member per party, so two nodes collecting different signatures offline merge without conflict.
public struct HearingRecord: PathedRecord, Equatable {
    public static let schema = "docket.hearing/1"
    public static let explicitNullFields = ["place", "noticeDocumentId", "heldOn"]

    public var id: String
    public var state: HearingState
    public var mode: HearingMode
    /// Start, Asia/Shanghai wall time ("2026-12-10T09:30").
    public var startsAt: LocalDateTime
    /// The planned end (Asia/Shanghai); nil: `defaultLength` after the start. The courtroom and the judge are taken
    /// until then.
    public var endsAt: LocalDateTime?
    /// Courtroom, or the online hearing room's link.
    public var place: String?
    /// The presiding judge; nil: the case's judge.
    public var judge: String?
    /// The day the hearing was scheduled and its notice issued; at least 3 days before `startsAt` (CPL art. 139).
    public var scheduledOn: LocalDate
    /// The hearing notice in the dossier (served electronically by the service records).
    public var noticeDocumentId: String?
    /// The day the hearing took place; the 5 days to read and sign the transcript run from it (CPL art. 150).
    public var heldOn: LocalDate?
    /// The transcript's versions, by version number ("1", "2", …).
    public var transcripts: [String: TranscriptVersion]
    /// Set when the court scheduled the hearing outside its working hours on purpose: why.
    public var outsideHoursReason: String?
    public var createdAt: HybridTimestamp
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(
        id: String, mode: HearingMode, startsAt: LocalDateTime, endsAt: LocalDateTime? = nil, place: String?,
        judge: String? = nil, scheduledOn: LocalDate, noticeDocumentId: String? = nil, at time: HybridTimestamp,
        by node: String
    ) {
        self.id = id; self.state = .scheduled; self.mode = mode; self.startsAt = startsAt; self.endsAt = endsAt;
        self.place = place
        self.judge = judge; self.scheduledOn = scheduledOn; self.noticeDocumentId = noticeDocumentId; self.heldOn = nil
        self.transcripts = [:]; self.outsideHoursReason = nil
        self.createdAt = time; self.updatedAt = time; self.updatedBy = node
    }

    /// How long a hearing takes the courtroom and the judge when no end is given.
    public static let defaultLength = 120

    /// The end of the time the courtroom and the judge are taken.
    public var end: LocalDateTime { endsAt ?? startsAt.adding(minutes: Self.defaultLength) }

    /// The transcript as it stands: its latest version.
    public var transcript: TranscriptVersion? { transcripts.values.max { $0.version < $1.version } }
    /// The current transcript's document, hash and signatures.
    public var transcriptDocumentId: String? { transcript?.documentId }
    public var transcriptSha256: String? { transcript?.sha256 }
    public var signatures: [String: TranscriptSignature] { transcript?.signatures ?? [:] }

    /// Its file in the case tree.
    public var path: String { "hearings/\(id).json" }

    /// The fewest whole days between scheduling and the hearing day (CPL art. 139: notice at least 3 days before).
    public static let minimumNoticeDays = 3

    /// Refuses a hearing day less than 3 days after the day of notice, in English and Chinese.
    public static func checkNotice(scheduledOn: LocalDate, startsAt: LocalDateTime) throws {
        let days = scheduledOn.days(until: startsAt.date)
        guard days >= minimumNoticeDays else {
            throw DocketError(
                .invalidInput, key: "hearing.notice-too-short",
                zh:
                    "开庭应当在三日前通知当事人：\(startsAt.date)开庭，自\(scheduledOn)起仅有\(max(days, 0))日，通知期限不足。"
                    + "请选择\(scheduledOn.adding(days: minimumNoticeDays))或之后的日期。",
                en:
                    "A hearing on \(startsAt.date) gives only \(max(days, 0)) day(s) of notice from \(scheduledOn); "
                    + "the parties must be notified at least 3 days before (CPL art. 139). Choose "
                    + "\(scheduledOn.adding(days: minimumNoticeDays)) or later."
            )
        }
    }

    /// The parties (of `partyIds`) who have neither confirmed nor signed the current transcript yet.
    public func unsignedParties(_ partyIds: [String]) -> [String] { partyIds.filter { signatures[$0] == nil } }
}
