/// Everything the court decides when it accepts a case (立案): its number, procedure, fee and contacts.
/// The store fills it (number allocation, query codes and notices need the node); `CaseActions.accept` applies it.
public struct Acceptance: Sendable {
    public var caseNumber: CaseNumber
    public var procedure: Procedure
    public var feeKind: FeeKind
    public var fee: FeeQuote
    public var acceptedOn: LocalDate
    /// The last day to pay the fee (Decree 481 art. 22).
    public var feeDue: LocalDate
    /// True when that day rests on a year without a published holiday arrangement: the notices say it is provisional.
    public var feeDueProvisional = false
    public var judge: String?
    public var clerk: String?
    public var clerkPhone: String?
    /// Party id → salted hash of its query code.
    public var queryCodeHashes: [String: String]
    /// Id of the fee assessment record to write.
    public var assessmentID: String
    /// The acceptance notice and the fee notice, rendered, with their bytes.
    public var notices: [(meta: DocumentMeta, bytes: [UInt8])]

    public init(caseNumber: CaseNumber, procedure: Procedure, feeKind: FeeKind, fee: FeeQuote, acceptedOn: LocalDate,
                feeDue: LocalDate, judge: String?, clerk: String?, clerkPhone: String?,
                queryCodeHashes: [String: String], assessmentID: String, notices: [(meta: DocumentMeta, bytes: [UInt8])]) {
        self.caseNumber = caseNumber; self.procedure = procedure; self.feeKind = feeKind; self.fee = fee
        self.acceptedOn = acceptedOn; self.feeDue = feeDue; self.judge = judge; self.clerk = clerk
        self.clerkPhone = clerkPhone; self.queryCodeHashes = queryCodeHashes; self.assessmentID = assessmentID
        self.notices = notices
    }
}

/// The values the court's notice templates (Schemas/templates) are filled with.
public enum FilingNotices {
    static func names(_ file: CaseFile, _ role: PartyRole) -> String {
        file.parties.filter { $0.role == role }.map(\.name).joined(separator: "、")
    }

    /// Values for the acceptance notice and the fee notice, addressed to the plaintiffs.
    public static func acceptanceValues(_ file: CaseFile, _ acceptance: Acceptance, courtName: String) -> [String: String] {
        [
            "court_name": courtName, "case_number": acceptance.caseNumber.canonical, "party_name": names(file, .plaintiff),
            "defendants": names(file, .defendant), "cause": file.record.cause, "title": file.record.title,
            "procedure": acceptance.procedure.chinese, "judge": acceptance.judge ?? "待定", "clerk": acceptance.clerk ?? "待定",
            "clerk_phone": acceptance.clerkPhone ?? "—", "fee": acceptance.fee.fee,
            "fee_due": acceptance.feeDue.description + (acceptance.feeDueProvisional ? "（该日期所在年度节假日安排尚未公布，系暂定，公布后如有调整另行通知）" : ""),
            "accepted_on": acceptance.acceptedOn.description,
            "basis": acceptance.fee.chineseBasis.map { "  " + $0 }.joined(separator: "\n"),
        ]
    }

    /// Values for a correction notice listing every item at once.
    public static func correctionValues(_ file: CaseFile, items: [String], courtName: String, date: LocalDate) -> [String: String] {
        ["court_name": courtName, "party_name": names(file, .plaintiff), "title": file.record.title, "date": date.description,
         "items": items.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n")]
    }

    /// Values for a ruling not to accept the case.
    public static func rejectionValues(_ file: CaseFile, reason: String, courtName: String, date: LocalDate) -> [String: String] {
        ["court_name": courtName, "plaintiffs": names(file, .plaintiff), "defendants": names(file, .defendant),
         "cause": file.record.cause, "reason": reason, "date": date.description]
    }
}
