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
        --within 3d keeps those due in the next three days (overdue ones included); --overdue only those missed.
        """
    )
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Flag(help: "Only deadlines already missed.") var overdue = false
    @Option(help: ArgumentHelp("Only those due within this many days, e.g. 3d or 3.", valueName: "days")) var within: String?
    @Option(name: .customLong("case"), help: ArgumentHelp("Only this case (uid, 案号 or filing number).", valueName: "case")) var caseReference: String?

    func run() throws {
        let opened = try node.open()
        let days = try within.map { text -> Int in
            guard let n = Int(text.hasSuffix("d") ? String(text.dropLast()) : text), n >= 0 else {
                throw DocketError("--within takes a number of days, e.g. 3d.")
            }
            return n
        }
        let uid = try caseReference.map { try opened.resolveCase($0) }
        let list = try opened.deadlines(case: uid, overdueAt: overdue ? Date() : nil, withinDays: days)
        if output.json { return try printJSON(list) }
        if list.isEmpty { print("No open deadlines\(overdue ? " missed" : "")."); return }
        let now = LocalDateTime(shanghai: Date())
        for d in list {
            let when = d.deadline.map { "\($0)" } ?? d.lastDay.description
            print("\(when.padding(toLength: 16, withPad: " ", startingAt: 0))  \(d.isOverdue(at: now) ? "OVERDUE " : "")\(d.owner.padding(toLength: 9, withPad: " ", startingAt: 0)) \(d.chinese)  \(d.caseNumber ?? FilingNumber.of(uid: d.caseUID))  \(d.recordPath)  — \(d.basis)")
        }
    }
}
