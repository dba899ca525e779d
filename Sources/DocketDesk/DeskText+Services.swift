extension DeskText {
    /// The words of the firm's inbox and fee payment, hearings and transcripts, announcements and the calendar.
    static let serviceWords: [String: (zh: String, en: String)] = [
        "inbox": ("送达文书", "Served documents"), "unread": ("未读", "Unread:"), "unreadMark": ("未读", "unread"),
        "servedOn": ("受送达人", "Served on"), "reachedFirm": ("到达时间", "Reached the firm"),
        "readAt": ("阅读时间", "Read"), "openDocument": ("打开", "Open"),
        "timesInBeijing": ("时间均为北京时间（UTC+08:00）", "All times are Beijing time (UTC+08:00)"),
        "payFee": ("缴纳诉讼费", "Pay the court fee"), "paymentsMade": ("缴费记录", "Payments"),
        "feePaid": ("诉讼费已缴清，法院已入账。", "The fee is paid and recorded by the court."),
        "nothingOwed": ("目前没有应缴费用。", "Nothing is owed now."),
        "feeConfirming": (
            "支付平台已确认收款，待法院入账。入账后本页显示已缴清。交易号：",
            "The payment service confirms the payment; the court has yet to record it, and this page shows it "
                + "paid once it has. Transaction:"
        ),
        "feeUnknown": (
            "暂未得到支付平台的答复，本页将自动刷新，请勿重复缴费。",
            "The payment service has not answered yet; this page looks again by itself. Do not pay twice."
        ),
        "feeElsewhere": (
            "另一笔缴费正在进行中（在法院或其他终端），请等待其结果。",
            "Another payment is under way (at the court or another terminal); wait for its outcome."
        ),
        "scanToPay": ("扫码缴费", "Scan to pay"), "payLink": ("支付链接", "Payment link"),
        "orderNumber": ("订单号", "Order no."), "expiresAt": ("有效期至", "valid until"),
        "checkAgain": ("刷新支付状态", "Check the payment again"),
        "qrHelp": (
            "生成二维码后，用手机扫码即可支付应缴的全部费用；支付完成后由法院入账。",
            "Make a QR code and scan it with a phone to pay everything owed; the court then records the payment."
        ),
        "startQR": ("生成缴费二维码", "Make the payment QR code"),
        "qrUnavailable": (
            "本节点未配置扫码缴费服务，请到法院缴费窗口缴纳。",
            "No QR payment service is configured on this node; pay at the court's counter."
        ),
        "counterHelp": (
            "也可到法院缴费窗口出示以下案号（或立案编号）缴纳：",
            "Or pay at the court's cashier's counter, quoting this case number (or filing number):"
        ),
        "transcript": ("庭审笔录", "Transcript"), "party": ("当事人", "Party"),
        "signedHow": ("方式", "How"), "signedAt": ("签名时间", "Signed at"), "signedAtNode": ("签名节点", "Signed at node"),
        "verification": ("核验", "Verification"), "signatureValid": ("签名有效", "valid"),
        "signatureUnverified": ("无法核验", "cannot be verified"), "notSignedYet": ("尚未签名", "Not signed yet"),
        "signTranscript": ("签名确认庭审笔录", "Sign the transcript"), "signFor": ("为当事人签名", "Sign for"),
        "methodSign": ("签名", "sign"), "methodConfirm": ("阅读确认", "confirm as read"),
        "signDeclaration": (
            "本人已核验该当事人身份，并确认其已阅读本版庭审笔录。",
            "I have checked this party's identity and confirm they have read this version of the transcript."
        ),
        "announcements": ("法院公告", "Announcements"), "noAnnouncements": ("目前没有公告。", "No announcements now."),
        "publishAnnouncement": ("发布公告", "Publish an announcement"), "announcementBody": ("正文", "Text"),
        "shownFrom": ("公示开始", "Shown from"), "shownUntil": ("公示结束（可不填）", "Shown until (optional)"),
        "forLanguage": ("适用语言", "For readers in"), "everyLanguage": ("所有语言", "every language"),
        "languageChinese": ("中文", "Chinese"), "languageEnglish": ("英文", "English"),
        "publish": ("发布", "Publish"), "allAnnouncements": ("本院全部公告", "Every announcement of this court"),
        "withdraw": ("撤回", "Withdraw"),
        "hearingCalendar": ("开庭日历", "Hearing calendar"), "hearingsCount": ("场庭审", "hearings"),
        "previousWeek": ("上一周", "Previous week"), "thisWeek": ("本周", "This week"),
        "nextWeek": ("下一周", "Next week"), "byCourtroom": ("按法庭", "By courtroom"), "byJudge": ("按法官", "By judge"),
        "day": ("日期", "Day"), "noHearingsThisWeek": ("本周没有排期的庭审。", "No hearings this week."),
    ]
}
