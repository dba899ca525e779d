import DocketCore
import DocketStore
import Foundation
import Testing

/// Two nodes book the last place of a reception slot while apart; when they sync, the booking made later becomes
/// an open conflict for the administrator — never a silent double booking — and cancelling it closes the conflict.
struct BookingMergeTests {
    /// Whichever of the two bookings is cancelled — the court's, which lost the seat, or the firm's, which kept it —
    /// the seat and the conflict settle (issue 15).
    @Test(arguments: ["loser", "keeper"])
    func anOfflineDoubleBookingBecomesAConflictForTheAdministrator(cancelled: String) throws {
        let c = try Cluster()
        _ = try c.start(firms: ["firm-a"])
        let shared = try c.file(on: "firm-a")
        _ = try c.json("firm-a", ["sync"])
        _ = try c.json("court", ["filing", "accept", shared])
        _ = try c.json("firm-a", ["sync"])

        // Reception slots lie on working days.
        let day = try Node.open(at: URL(fileURLWithPath: c.data("court"))).holidayCalendar()
            .firstWorkingDay(onOrAfter: Node.today().adding(days: 5)).description
        _ = try c.docket("court", ["petition", "slot", "--at", "\(day) 10:00", "--capacity", "1"])
        // The calendar travels with the court's announcements.
        _ = try c.json("firm-a", ["sync"])
        let slot = "\(day.replacingOccurrences(of: "-", with: ""))-1000"

        // Apart: the firm books first for its client, then the court books the same place for a walk-in on its own
        // case.
        let firmBooking =
            try c.json("firm-a", ["petition", "book", shared, "--slot", slot, "--party", "济南鲁信商贸有限公司"])
            as! [String: Any]
        let local = try c.json("court", ["case", "new", "--from", try courtFiling(c)]) as! [String: Any]
        let courtCase = local["uid"] as! String
        let courtBooking =
            try c.json("court", ["petition", "book", courtCase, "--slot", slot, "--name", "王来访"]) as! [String: Any]

        let report = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
        #expect((report["errors"] as? [String])?.isEmpty == true, "\(report)")
        let conflicts = try c.json("court", ["conflicts", "list"]) as! [[String: Any]]
        #expect(conflicts.count == 1)
        let conflict = try #require(conflicts.first)
        #expect(conflict["case"] as? String == courtCase && conflict["field"] as? String == "slot")
        #expect(conflict["path"] as? String == "filings/\(courtBooking["id"] as! String).json")
        #expect((firmBooking["id"] as? String) != nil)

        if cancelled == "loser" {
            // The administrator cancels the booking that lost its place: the conflict is closed in the same commit.
            _ = try c.docket(
                "court", ["petition", "cancel", courtCase, courtBooking["id"] as! String, "--reason", "名额已满，改约他日"])
        } else {
            // The firm's client cancels the booking that kept the seat: when it reaches the court, the walk-in keeps
            // the seat and the court closes the conflict.
            _ = try c.docket(
                "firm-a", ["petition", "cancel", shared, firmBooking["id"] as! String, "--reason", "当事人另有安排"])
            let pushed = (try c.json("firm-a", ["sync"]) as! [[String: Any]])[0]
            #expect((pushed["refused"] as? [String])?.isEmpty == true, "\(pushed)")
            let closed = try c.json("court", ["conflicts", "list", "--all"]) as! [[String: Any]]
            #expect(closed.count == 1 && closed[0]["status"] as? String == "resolved", "\(closed)")
        }
        #expect((try c.json("court", ["conflicts", "list"]) as! [Any]).isEmpty)
        // A second sync finds nothing new to open.
        _ = try c.json("firm-a", ["sync"])
        #expect((try c.json("court", ["conflicts", "list"]) as! [Any]).isEmpty)
    }

    func courtFiling(_ c: Cluster) throws -> String {
        let path = c.root.appendingPathComponent("walk-in.json").path
        try """
        {"court": "鲁0102", "caseType": "civil", "cause": "劳务合同纠纷", "claimAmount": "8000.00", "claims": "判令被告支付劳务费8000元",
         "parties": [{"role": "plaintiff", "name": "王来访", "idNumber": "370102198503121233"},
                     {"role": "defendant", "name": "赵某", "idNumber": "11010519491231002X"}]}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
