/// Where a case stands. Court nodes move it; everyone else only reads it.
public enum CaseStatus: String, Codable, CaseIterable, Sendable {
    /// Filed and waiting for the court's review (at most 7 days).
    case submitted
    /// The court asked for corrections; the review clock restarts when the corrected filing arrives.
    case correctionRequested = "correction-requested"
    /// Accepted and numbered (案号 assigned).
    case accepted
    /// Not accepted (不予受理).
    case rejected
    /// Withdrawn by the filer.
    case withdrawn
    /// Concluded.
    case closed
}

/// The case record, `case.json` at the root of a case repository.
public struct CaseRecord: Record, Equatable {
    public static let schema = "docket.case/1"
    public static let explicitNullFields = [
        "caseNumber", "claimAmountFen", "procedure", "receivedOn", "acceptedOn",
        "judge", "clerk", "clerkPhone",
    ]

    /// The case uid (see `Identifier.caseUID`), fixed at birth.
    public var uid: String
    /// A short title a person recognises (原告 诉 被告 案由).
    public var title: String
    /// The court's code (法院代字, e.g. 鲁0102) the case is filed with.
    public var court: String
    /// The kind of proceedings: civil, administrative, enforcement, preservation, …
    public var caseType: String
    /// The cause of action (案由).
    public var cause: String
    /// The claimed amount in fen, or nil for a claim without an amount.
    public var claimAmountFen: Int64?
    /// The claims (诉讼请求) as written by the filer.
    public var claims: String
    /// The facts and reasons (事实与理由) the claims rest on, as written by the filer; absent in records made
    /// before filings carried them.
    public var facts: String?
    /// Where the case stands.
    public var status: CaseStatus
    /// The official case number (案号), nil until the court accepts the case.
    public var caseNumber: String?
    /// The procedure the court chose on acceptance: ordinary, simple or small-claims.
    public var procedure: String?
    /// The day (Asia/Shanghai, YYYY-MM-DD) the complete filing reached the court; the 7-day review runs from it.
    /// Nil means the day of `filedAt`. A corrected filing sets it anew (在线诉讼规则 art. 9).
    public var receivedOn: String?
    /// The day the court accepted the case (YYYY-MM-DD).
    public var acceptedOn: String?
    /// Who handles the case at the court, for the parties' questions.
    public var judge: String?
    public var clerk: String?
    public var clerkPhone: String?
    /// The last day of the evidence period the court set (YYYY-MM-DD), if it set one.
    public var evidenceUntil: String?
    /// Months the trial time limit was extended by (with the president's approval), if any.
    public var trialExtensionMonths: Int?
    /// Days not counted in the trial time limit (public notice, appraisal, settlement, a jurisdiction objection,
    /// 民诉法解释 art. 243), as the court recorded them.
    public var trialExcludedDays: Int?
    /// The day the judgment was pronounced (YYYY-MM-DD), its document in the dossier, and whether it was pronounced
    /// in court (then it is sent within 10 days; pronounced on a set day, at once: CPL art. 151).
    public var judgmentOn: String?
    public var judgmentDocumentId: String?
    public var judgmentInCourt: Bool?
    /// When and where the filing was made.
    public var filedAt: HybridTimestamp
    public var filedBy: String
    /// The last change: when (hybrid clock) and by which node.
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(
        uid: String, title: String, court: String, caseType: String, cause: String, claimAmountFen: Int64?,
        claims: String, status: CaseStatus, caseNumber: String?, filedAt: HybridTimestamp, filedBy: String,
        updatedAt: HybridTimestamp, updatedBy: String
    ) {
        self.uid = uid; self.title = title; self.court = court; self.caseType = caseType; self.cause = cause
        self.claimAmountFen = claimAmountFen; self.claims = claims; self.status = status; self.caseNumber = caseNumber
        self.filedAt = filedAt; self.filedBy = filedBy; self.updatedAt = updatedAt; self.updatedBy = updatedBy
    }
}
