/// Everything the court decides when it accepts a case (立案): its number, procedure, fee and contacts.
/// The store fills it (number allocation, query codes and notices need the node); `CaseActions.accept` applies it.
public struct Acceptance: Sendable {
    public var caseNumber: CaseNumber
    /// The procedure of a suit; nil for a case tried under none (enforcement, preservation, …).
    public var procedure: Procedure?
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

    public init(
        caseNumber: CaseNumber, procedure: Procedure?, feeKind: FeeKind, fee: FeeQuote, acceptedOn: LocalDate,
        feeDue: LocalDate, judge: String?, clerk: String?, clerkPhone: String?,
        queryCodeHashes: [String: String], assessmentID: String, notices: [(meta: DocumentMeta, bytes: [UInt8])]
    ) {
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

    /// Values for the acceptance notice and the fee notice, addressed to the plaintiffs (applicants). What the
    /// notice says follows the type of case: a suit is tried under its procedure and pays its acceptance fee; an
    /// enforcement application pays its fee after enforcement; a preservation application its application fee.
    public static func acceptanceValues(
        _ file: CaseFile, _ acceptance: Acceptance, courtName: String
    ) -> [String: String] {
        let r = file.record, defendants = names(file, .defendant)
        let due = acceptance.feeDue.chinese + (acceptance.feeDueProvisional ? "（该日期所在年度节假日安排尚未公布，系暂定，公布后如有调整另行通知）" : "")
        let feeName = acceptance.feeKind.isAcceptanceFee ? "案件受理费" : acceptance.feeKind.chineseName
        let opening: String, procedureLine: String, feeLine: String
        switch r.caseType {
        case "enforcement":
            opening = "你（单位）申请执行\(defendants)一案，本院经审查，符合法定受理条件，决定立案执行"
            procedureLine = ""
        case "preservation":
            opening = "你（单位）申请对\(defendants)的财产采取诉前保全措施一案，本院经审查，决定立案审查"
            procedureLine = ""
        case "payment-order":
            opening = "你（单位）申请向\(defendants)发出支付令一案，本院经审查，决定立案审查"
            procedureLine = ""
        default:
            opening = "你（单位）诉\(defendants)\(r.cause)一案，本院经审查，起诉符合法定受理条件，决定立案审理"
            procedureLine = acceptance.procedure.map { "本案适用\($0.chinese)审理。" } ?? ""
        }
        if acceptance.fee.feeFen == 0 {
            feeLine = "本案不交纳\(feeName)。"
        } else if !acceptance.feeKind.isPrepaid {
            feeLine =
                "\(acceptance.feeKind.chineseName)\(acceptance.fee.fee)元不预交，"
                + "\(acceptance.feeKind == .enforcement ? "执行后" : "清算后")交纳（《诉讼费用交纳办法》第二十条）。"
        } else {
            let lapse = FilingReview.isSuit(r) ? "按撤诉处理" : "按撤回申请处理"
            feeLine = "应交纳\(feeName)\(acceptance.fee.fee)元，请于\(due)前交纳（另见交纳诉讼费用通知书）。"
                + "逾期不交纳又不提出缓交、减交、免交申请的，\(lapse)。"
        }
        return [
            "court_name": courtName, "case_number": acceptance.caseNumber.canonical,
            "party_name": names(file, .plaintiff),
            "defendants": defendants, "cause": r.cause, "title": r.title, "opening": opening,
            "procedure_line": procedureLine,
            "fee_line": feeLine, "fee_name": feeName, "judge": acceptance.judge ?? "待定",
            "clerk": acceptance.clerk ?? "待定",
            "clerk_phone": acceptance.clerkPhone ?? "—", "fee": acceptance.fee.fee, "fee_due": due,
            "lapse": FilingReview.isSuit(r) ? "按撤诉处理" : "按撤回申请处理",
            "accepted_on": acceptance.acceptedOn.chinese, "notice_date": acceptance.acceptedOn.chineseFormal,
            "basis": acceptance.fee.chineseBasis.map { "  " + $0 }.joined(separator: "\n"),
        ]
    }

    /// Values for a correction notice listing every item at once.
    public static func correctionValues(
        _ file: CaseFile, items: [String], courtName: String, date: LocalDate
    ) -> [String: String] {
        [
            "court_name": courtName, "party_name": names(file, .plaintiff), "title": file.record.title,
            "date": date.chineseFormal,
            "items": items.enumerated().map { "  \($0.offset + 1). \($0.element)" }.joined(separator: "\n"),
        ]
    }

    /// Values for a ruling not to accept the case.
    public static func rejectionValues(
        _ file: CaseFile, reason: String, courtName: String, date: LocalDate
    ) -> [String: String] {
        [
            "court_name": courtName, "plaintiffs": names(file, .plaintiff), "defendants": names(file, .defendant),
            "cause": file.record.cause, "reason": reason, "date": date.chineseFormal,
        ]
    }
}
