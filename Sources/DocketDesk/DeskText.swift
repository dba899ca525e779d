/// The words of the desk's pages, Chinese and English: a page gets one language's table as `t`, so it is wholly
/// in that language. Every `{{t.name}}` a template uses is here in both (tested).
public enum DeskText {
    /// name → (Chinese, English): the case pages' words and those of the inbox, fees, hearings, announcements and
    /// the calendar (`DeskText+Services`).
    public static let words: [String: (zh: String, en: String)] = caseWords.merging(serviceWords) { first, _ in first }

    static let caseWords: [String: (zh: String, en: String)] = [
        "desk": ("工作台", "Desk"), "menu": ("导航", "Menu"), "skipToContent": ("跳到正文", "Skip to content"),
        "workList": ("待办工作", "Work list"), "myCases": ("我的案件", "My cases"), "allCases": ("全部案件", "All cases"),
        "fileCase": ("网上立案", "File a case"), "conflicts": ("合并冲突", "Conflicts"), "sync": ("同步", "Sync"),
        "search": ("搜索", "Search"),
        "searchHint": ("案号、立案编号、当事人姓名或证件号、全文", "Case no., filing no., party name or ID, text"),
        "signIn": ("登录", "Sign in"), "signOut": ("退出登录", "Sign out"), "userName": ("用户名", "User name"),
        "password": ("密码", "Password"), "notDone": ("未能办理", "Not done"), "back": ("返回", "Back"),
        "none": ("暂无", "None"), "overdue": ("已逾期", "overdue"), "daysLeft": ("天", "days left"),
        "filingsToReview": ("待审查立案", "Filings to review"), "filingNumber": ("立案编号", "Filing no."),
        "caseTitle": ("案件名称", "Case"), "status": ("状态", "Status"), "received": ("收到日期", "Received"),
        "reviewBy": ("审查期限（7日）", "Review by (7 days)"),
        "materialAwaiting": ("待审核补充材料", "Material awaiting approval"),
        "requestsWaiting": ("待法院处理的申请", "Requests waiting for the court"),
        "deadlinesDue": ("3日内到期或已逾期的期限", "Deadlines due within 3 days or overdue"),
        "oldestShown": ("仅列出最早的200件。", "The 200 oldest are listed."),
        "allSubmitted": ("全部已提交待审查的案件", "Every submitted filing"),
        "earliestShown": ("仅列出最早到期的200项。", "The 200 earliest are listed."),
        "failedDeliveries": ("送达失败", "Failed deliveries"), "nextTry": ("下次重试", "next try"),
        "openConflicts": ("待处理冲突", "Open conflicts"), "lockedOut": ("被锁定的查询", "Locked-out visitors"),
        "until": ("至", "until"), "lift": ("解除锁定", "Lift"),
        "print": ("打印", "Print"), "record": ("案件信息", "Record"), "caseNumber": ("案号", "Case no."),
        "court": ("受理法院", "Court"), "caseType": ("案件类型", "Type of case"), "cause": ("案由", "Cause of action"),
        "claimAmount": ("诉讼标的额", "Amount claimed"), "claims": ("诉讼请求", "Claims"),
        "facts": ("事实与理由", "Facts and reasons"), "address": ("送达地址", "Service address"), "filedAt": ("提交时间", "Filed"),
        "acceptedOn": ("立案日期", "Accepted on"), "procedure": ("审理程序", "Procedure"), "judge": ("承办法官", "Judge"),
        "clerk": ("书记员", "Clerk"), "clerkPhone": ("书记员电话", "Clerk's phone"), "parties": ("当事人", "Parties"),
        "role": ("诉讼地位", "Role"), "name": ("姓名或名称", "Name"), "idNumber": ("证件号码", "ID number"),
        "phone": ("手机号码", "Mobile"), "email": ("电子邮箱", "E-mail"), "representative": ("代理人", "Representative"),
        "eService": ("电子送达", "E-service"), "filingReview": ("立案审查", "Filing review"),
        "feeQuote": ("预交案件受理费（普通程序）", "Fee to prepay (ordinary procedure)"), "accept": ("登记立案", "Accept"),
        "askCorrection": ("一次性告知补正", "Ask for corrections"),
        "correctionItems": ("需补正的全部事项（每行一项）", "Every item to correct (one per line)"),
        "sendCorrection": ("发出补正通知", "Send the correction notice"), "reject": ("裁定不予受理", "Do not accept"),
        "reason": ("理由", "Reason"), "correctionRequested": ("法院要求补正", "The court asks for corrections"),
        "resubmitHelp": (
            "按补正通知修改后（可在下方补充材料），重新提交审查；7日审查期限自重新提交之日起计算。",
            "Make the corrections the notice asks for (add documents below if needed) and send the filing back; the "
                + "7 days of review count from then."
        ),
        "addDocuments": ("补充材料", "Add documents"), "resubmit": ("重新提交", "Resubmit"),
        "documents": ("材料", "Documents"), "docTitle": ("标题", "Title"), "size": ("大小", "Size"),
        "addedAt": ("提交时间", "Added"), "from": ("提交方", "From"), "awaitingApproval": ("待审核", "awaiting approval"),
        "approve": ("准予入卷", "Approve"), "refuse": ("不予入卷", "Refuse"), "refused": ("未准入卷", "refused"),
        "submitMaterial": ("提交补充材料", "Submit material"), "forParty": ("当事人", "For party"),
        "file": ("文件", "File"), "submit": ("提交", "Submit"), "fees": ("诉讼费用", "Fees"),
        "assessed": ("应缴", "Assessed"), "paid": ("已缴", "paid"), "outstanding": ("未缴", "outstanding"),
        "dueBy": ("缴纳期限", "due by"), "kind": ("类别", "Kind"), "amount": ("金额", "Amount"), "state": ("状态", "State"),
        "method": ("方式", "Method"), "reference": ("凭证号", "Reference"), "updated": ("更新时间", "Updated"),
        "payAtCounter": ("窗口缴费", "Payment at the counter"), "posReference": ("POS 参考号", "POS reference"),
        "amountYuan": ("金额（元）", "Amount (yuan)"), "recordPayment": ("登记缴费", "Record the payment"),
        "refund": ("退费", "Refund"), "ground": ("退费理由", "Ground"), "groundWithdrawn": ("撤诉", "withdrawn"),
        "groundOverpaid": ("多缴", "overpaid"), "groundMediated": ("调解结案", "mediated"),
        "groundRemand": ("发回重审", "remanded"), "requestRefund": ("申请退费", "Request the refund"),
        "service": ("送达", "Service"), "sent": ("发送", "sent"), "reached": ("到达", "reached"), "read": ("阅读", "read"),
        "served": ("送达生效", "served"), "hearings": ("庭审", "Hearings"), "deadlines": ("期限", "Deadlines"),
        "open": ("待处理", "open"), "resolved": ("已处理", "resolved"), "timeline": ("案件日志", "Timeline"),
        "noConflicts": ("没有待处理的冲突。", "No open conflicts."), "inForceNow": ("当前生效值", "in force now"),
        "resolvedBy": ("已由", "Resolved by"), "keepWhich": ("采用哪一方的值", "Keep which value"),
        "note": ("处理说明", "Note"), "resolve": ("确认处理", "Resolve"),
        "resolveByOthers": ("该冲突由管理员处理。", "An administrator resolves this conflict."),
        "syncNow": ("立即同步", "Sync now"), "peer": ("对方节点", "Peer"), "lastSync": ("上次同步", "Last sync"),
        "fetched": ("取回", "Fetched"), "pushed": ("推送", "Pushed"), "merged": ("合并", "Merged"),
        "problems": ("问题", "Problems"), "heldBack": ("暂缓同步的案件", "Cases held back"), "since": ("自", "since"),
        "noCases": ("没有案件。", "No cases."), "nextDeadline": ("最近期限", "Next deadline"),
        "drafts": ("草稿", "Drafts"), "fixThese": ("请修改以下各项后再提交：", "Please fix all of these, then file "
            + "again:"),
        "theCase": ("案件", "The case"), "titleOptional": ("案件名称（可不填）", "Title (optional)"),
        "partyKind": ("当事人类型", "Kind of party"), "person": ("自然人", "natural person"),
        "organisation": ("法人或其他组织", "organisation"), "idKind": ("证件类型", "Kind of ID"),
        "idKindDefault": ("按当事人类型默认", "by kind of party"), "serviceAddress": ("送达邮箱", "Service e-mail"),
        "eServiceConsent": ("同意电子送达", "Agrees to electronic service"), "license": ("执业证号", "Licence no."),
        "repPhone": ("代理人手机", "Representative's mobile"), "addPlaintiff": ("增加原告", "Add a plaintiff"),
        "addDefendant": ("增加被告", "Add a defendant"), "uploadDocuments": ("上传材料（PDF 等）", "Upload documents "
            + "(PDF, …)"),
        "fileAnyway": ("与已提交案件相同时仍然提交", "File anyway if it matches a case already filed"),
        "saveDraft": ("保存草稿", "Save draft"), "fileNow": ("提交立案", "File the case"),
    ]

    /// The table of one language.
    public static func table(english: Bool) -> [String: String] { words.mapValues { english ? $0.en : $0.zh } }

    /// What was just done, after a form (`?done=`), said in the page's language.
    public static func done(_ key: String, english: Bool) -> String {
        let said: [String: (String, String)] = [
            "accepted": ("已登记立案。", "The case is accepted."),
            "correction": ("补正通知已发出。", "The correction notice is sent."),
            "rejected": ("已裁定不予受理。", "The filing is not accepted."),
            "resubmitted": ("已重新提交审查。", "Sent back for review."),
            "material": ("补充材料已提交，等待法官审核。", "The material is submitted and waits for the judge."),
            "approved": ("材料已准予入卷。", "The material is in the dossier."),
            "refused": ("材料未准入卷。", "The material is refused."),
            "paid": ("缴费已登记。", "The payment is recorded."), "refund": ("退费申请已登记。", "The refund is "
                + "requested."),
            "lifted": ("查询锁定已解除。", "The lockout is lifted."), "resolved": ("冲突已处理。", "The conflict is "
                + "resolved."),
            "synced": ("同步已完成。", "Synced."), "filed": ("立案材料已提交。", "The case is filed."),
            "saved": ("草稿已保存。", "The draft is saved."),
            "qr": ("缴费二维码已生成，请用手机扫码支付。", "The payment's QR code is ready: scan it with a phone to pay."),
            "signed": ("庭审笔录已签名确认。", "The transcript is signed."),
            "published": ("公告已发布，各节点同步后可见。", "The announcement is published; other nodes see it once they "
                + "sync."),
            "withdrawn": ("公告已撤回。", "The announcement is withdrawn."),
        ]
        return said[key].map { english ? $0.1 : $0.0 } ?? ""
    }
}
