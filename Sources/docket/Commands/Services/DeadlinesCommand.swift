import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct DeadlinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "Every open deadline: filing review, fees, preservation, mediation, hearings, enforcement, …",
        discussion: """
            One line per deadline: last day (Asia/Shanghai), who must act, what, the case and the legal basis. \
            --within 3d keeps those due in the next three days (overdue ones included); --overdue only those missed. \
            A last day marked 暂定 (provisional) rests on a year whose holiday arrangement is not published yet; one \
            marked 未能计算 could not be computed and shows its nominal day with the reason. --moved lists the deadlines \
            that moved when a year's arrangement arrived.
            """
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Flag(help: "Only deadlines already missed.") var overdue = false
    @Option(help: ArgumentHelp("Only those due within this many days, e.g. 3d or 3.", valueName: "days")) var within:
        String?
    @Option(
        name: .customLong("case"), help: ArgumentHelp("Only this case (uid, 案号 or filing number).", valueName: "case"))
    var caseReference: String?
    @Flag(help: "The deadlines that moved when a year's holiday arrangement arrived.") var moved = false

    func run() throws {
        let opened = try node.open()
        if moved {
            let moves = try opened.services.deadlineMoves()
            if output.json { return try printJSON(moves) }
            if moves.isEmpty { print("没有因节假日安排而变动的期限。No deadline has moved."); return }
            for m in moves {
                print(
                    "\(m.before) → \(m.after)  \(m.owner.padding(toLength: 9, withPad: " ", startingAt: 0)) "
                        + "\(m.chinese)  \(m.caseNumber ?? FilingNumber.of(uid: m.caseUID))  \(m.recordPath)  "
                        + "（\(m.year)年节假日安排 / the \(m.year) arrangement）"
                )
            }
            return
        }
        let days = try within.map { text -> Int in
            guard let n = Int(text.hasSuffix("d") ? String(text.dropLast()) : text), n >= 0 else {
                throw DocketError(
                    .invalidInput, key: "deadline.within-format", zh: "--within 应为天数，如 3d。",
                    en: "--within takes a number of days, e.g. 3d.")
            }
            return n
        }
        let uid = try caseReference.map { try opened.resolveCase($0) }
        let list = try opened.services.deadlines(case: uid, overdueAt: overdue ? Date() : nil, withinDays: days)
        if output.json { return try printJSON(list) }
        if list.isEmpty { print("No open deadlines\(overdue ? " missed" : "")."); return }
        let now = LocalDateTime(shanghai: Date())
        for d in list {
            let when = d.deadline.map { "\($0)" } ?? d.lastDay.description
            let marks =
                (d.provisional != nil ? " 暂定/provisional" : "")
                + (d.error != nil ? " 未能计算/not computed: \(d.error!)" : "")
            print(
                "\(when.padding(toLength: 16, withPad: " ", startingAt: 0))  \(d.isOverdue(at: now) ? "OVERDUE " : "")"
                    + "\(d.owner.padding(toLength: 9, withPad: " ", startingAt: 0)) \(d.chinese)  "
                    + "\(d.caseNumber ?? FilingNumber.of(uid: d.caseUID))  \(d.recordPath)  — \(d.basis)\(marks)"
            )
        }
    }
}
