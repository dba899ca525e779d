import DocketCore

/// What a person may do in the desk, by role: the one table every page and every form consults before it calls
/// the node. The node's own rules (court-only steps, the authority policy) are checked again on the write path, so
/// the desk can only narrow what the node allows, never widen it.
public enum DeskPermission: String, CaseIterable, Sendable {
    /// Read cases, documents, deadlines, search.
    case readCases = "read-cases"
    /// The court's work list: filings to review, material, deliveries, conflicts, lockouts.
    case courtDashboard = "court-dashboard"
    /// Accept a filing, ask for corrections, refuse it.
    case reviewFilings = "review-filings"
    /// Let supplementary material into the dossier or refuse it.
    case reviewMaterial = "review-material"
    /// Take a payment at the counter, ask for and complete refunds.
    case counterPayments = "counter-payments"
    /// Resolve merge conflicts.
    case resolveConflicts = "resolve-conflicts"
    /// Lift a visitor's query lockout.
    case liftLockouts = "lift-lockouts"
    /// See sync status; start a sync.
    case sync
    /// Prepare filing drafts.
    case draftFilings = "draft-filings"
    /// File a case, resubmit a corrected filing.
    case fileCases = "file-cases"
    /// Submit supplementary material for a represented party.
    case submitMaterial = "submit-material"
    /// Read the inbox of documents served on the firm's clients.
    case readInbox = "read-inbox"
    /// Pay a case's fee by QR code, or see the counter reference.
    case payFees = "pay-fees"
    /// Sign or confirm a hearing transcript for a represented party.
    case signTranscripts = "sign-transcripts"
    /// Read the courts' announcements.
    case readAnnouncements = "read-announcements"
    /// Publish or withdraw an announcement of this court.
    case publishAnnouncements = "publish-announcements"
    /// See the court's hearing calendar.
    case hearingCalendar = "hearing-calendar"

    /// The roles allowed to do it.
    public var roles: Set<DeskRole> {
        switch self {
        case .readCases, .sync, .readAnnouncements: Set(DeskRole.allCases)
        case .courtDashboard: [.clerk, .judge, .courtAdmin]
        case .reviewFilings: [.clerk, .judge]
        case .reviewMaterial: [.judge]
        case .counterPayments: [.clerk]
        case .resolveConflicts: [.courtAdmin, .lawyer]
        case .liftLockouts: [.courtAdmin, .clerk]
        case .draftFilings, .submitMaterial: [.lawyer, .assistant]
        case .fileCases, .signTranscripts: [.lawyer]
        case .readInbox, .payFees: [.lawyer, .assistant]
        case .publishAnnouncements: [.courtAdmin, .clerk]
        case .hearingCalendar: [.clerk, .judge, .courtAdmin]
        }
    }

    /// Whether `role` may do it.
    public func allows(_ role: DeskRole) -> Bool { roles.contains(role) }

    /// The refusal a person reads when their role may not do it.
    public func refusal(for role: DeskRole) -> DocketError {
        let allowed = DeskRole.allCases.filter { roles.contains($0) }
        return DocketError(
            .notAllowed, key: "desk.role-not-allowed",
            zh:
                "您的角色（\(role.name(english: false))）不能\(chinese)；"
                + "可由\(allowed.map { $0.name(english: false) }.joined(separator: "、"))办理。",
            en: "Your role (\(role.name(english: true))) may not \(english); this is for: "
                + allowed.map { $0.name(english: true) }.joined(separator: ", ") + ".",
            arguments: ["permission": rawValue, "role": role.rawValue])
    }

    var chinese: String {
        switch self {
        case .readCases: "查看案件"
        case .courtDashboard: "查看法院工作台"
        case .reviewFilings: "审查立案"
        case .reviewMaterial: "审核补充材料"
        case .counterPayments: "办理窗口缴费和退费"
        case .resolveConflicts: "处理合并冲突"
        case .liftLockouts: "解除查询锁定"
        case .sync: "同步"
        case .draftFilings: "准备立案草稿"
        case .fileCases: "提交立案"
        case .submitMaterial: "提交补充材料"
        case .readInbox: "查看送达文书"
        case .payFees: "缴纳诉讼费"
        case .signTranscripts: "签名确认庭审笔录"
        case .readAnnouncements: "查看公告"
        case .publishAnnouncements: "发布公告"
        case .hearingCalendar: "查看开庭日历"
        }
    }

    var english: String {
        switch self {
        case .readCases: "read cases"
        case .courtDashboard: "see the court's work list"
        case .reviewFilings: "review filings"
        case .reviewMaterial: "review supplementary material"
        case .counterPayments: "take payments and refunds at the counter"
        case .resolveConflicts: "resolve merge conflicts"
        case .liftLockouts: "lift query lockouts"
        case .sync: "sync"
        case .draftFilings: "prepare filing drafts"
        case .fileCases: "file cases"
        case .submitMaterial: "submit supplementary material"
        case .readInbox: "read served documents"
        case .payFees: "pay court fees"
        case .signTranscripts: "sign hearing transcripts"
        case .readAnnouncements: "read announcements"
        case .publishAnnouncements: "publish announcements"
        case .hearingCalendar: "see the hearing calendar"
        }
    }
}
