/// Every open deadline of a case: the filing review (7 days), the fee payment, those of its service requests and
/// hearings (`ServiceDeadlines`) and the civil timetable (`CivilTimetable`). What `docket deadlines` lists, the
/// index keeps per case, and `docket query` and the kiosk show.
public enum CaseDeadlines {
    /// The open deadlines of `file`, earliest first.
    public static func open(in file: CaseFile, periods: PeriodCalculator) -> [ServiceDeadline] {
        let r = file.record
        var out: [ServiceDeadline] = []
        if r.status == .submitted {
            let p = StatutoryPeriod.filingReview
            do {
                out.append(
                    ServiceDeadline(
                        caseUID: r.uid, caseNumber: r.caseNumber, recordPath: "case.json", name: p.rawValue,
                        title: p.title, chinese: "立案审查期限", owner: "court",
                        result: try FilingReview.reviewDue(r, periods: periods), basis: p.basis))
            } catch {
                let received = r.receivedOn.flatMap { try? LocalDate(parsing: $0) } ?? r.filedAt.shanghai.date
                out.append(
                    ServiceDeadline(
                        caseUID: r.uid, caseNumber: r.caseNumber, recordPath: "case.json", name: p.rawValue,
                        title: p.title, chinese: "立案审查期限", owner: "court",
                        nominal: received.adding(days: p.length), basis: p.basis, error: error))
            }
        }
        let fees = file.fees
        if fees.outstanding > .zero, let due = fees.dueDate {
            out.append(
                ServiceDeadline(
                    caseUID: r.uid, caseNumber: r.caseNumber, recordPath: "payments/",
                    name: StatutoryPeriod.feePayment.rawValue, title: StatutoryPeriod.feePayment.title,
                    chinese: "缴纳诉讼费期限", owner: "plaintiff",
                    result: PeriodResult(lastDay: due, rule: ["as assessed in the fee notice"]),
                    basis: StatutoryPeriod.feePayment.basis))
        }
        out += ServiceDeadlines.open(in: file, periods: periods)
        out += CivilTimetable.open(in: file, periods: periods)
        return out.sorted { ($0.lastDay, $0.recordPath, $0.name) < ($1.lastDay, $1.recordPath, $1.name) }
    }
}
