import DocketCore
import DocketStore
import Foundation
import GRDB
import Testing

/// What `docket bench court` found slow at 100,000 cases, fixed in the store: two-character searches through the
/// pair index (`case_pairs`) instead of a scan, matches taken in index order, and the dashboard's lists cut in SQL.
@Suite struct CourtSizeQueryTests {
    /// Three cases: a loan (张三丰 v 李四), a lease (赵六 v 李四) and a sale (钱七 v 孙八).
    func threeCases(_ t: TestNode) throws -> (loan: String, lease: String, sale: String) {
        let loan = try t.fileCase().record.uid
        let lease = try t.fileCase(
            TestNode.filing.replacingOccurrences(of: "民间借贷纠纷", with: "房屋租赁合同纠纷")
                .replacingOccurrences(of: "张三丰", with: "赵六")
                .replacingOccurrences(of: "判令被告偿还借款本金150000元及利息", with: "判令被告支付租金")
        ).record.uid
        let sale = try t.fileCase(
            TestNode.filing.replacingOccurrences(of: "民间借贷纠纷", with: "买卖合同纠纷")
                .replacingOccurrences(of: "张三丰", with: "钱七").replacingOccurrences(of: "李四", with: "孙八")
                .replacingOccurrences(of: "判令被告偿还借款本金150000元及利息", with: "判令被告支付货款")
        ).record.uid
        return (loan, lease, sale)
    }

    @Test func twoCharacterSearchesUseThePairIndexAndFindWhatAScanWould() throws {
        let t = try TestNode()
        let (loan, lease, sale) = try threeCases(t)
        #expect(try t.node.search("赵六").map(\.uid) == [lease])
        #expect(try t.node.search("借款").map(\.uid) == [loan])  // a word of the claims
        #expect(try t.node.search("李四").map(\.uid) == [lease, loan])  // most recently indexed first
        #expect(try t.node.search("合同").map(\.uid) == [sale, lease])
        #expect(try t.node.search("15").map(\.uid) == [loan])  // digits pair too
        #expect(try t.node.search("六诉").map(\.uid) == [lease])  // across a name and the title's 诉
        #expect(try t.node.search("师李").isEmpty)  // never across two names (王律师 李四) or two fields
        #expect(try t.node.search("六").map(\.uid) == [lease])  // one character: the scan
        #expect(try t.node.search("1%").isEmpty)  // not letters or digits: the scan, % taken literally
        // A case written again is indexed again, once: still one match, now the most recent.
        _ = try t.node.updateCase(loan) { file, actor in
            try CaseActions.edit(file, set: [("claims", "判令被告偿还借款本金150000元及利息；诉讼费由被告承担")], by: actor)
        }
        #expect(try t.node.search("李四").map(\.uid) == [loan, lease])
        #expect(try t.node.search("借款").map(\.uid) == [loan])
        // Reindex rebuilds the pairs; fsck compares them with what the indexer writes.
        try t.node.reindex()
        #expect(try Set(t.node.search("李四").map(\.uid)) == [loan, lease])
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func theMigrationFillsThePairsOfCasesIndexedBeforeIt() throws {
        let t = try TestNode()
        let (_, lease, _) = try threeCases(t)
        // The node as it was before migration 0019: no pair index, the migration not recorded.
        try t.node.database.write { db in
            try db.execute(sql: "DROP TABLE case_pairs")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0019_case_pairs'")
        }
        let reopened = try Node.open(at: t.data)
        #expect(try reopened.search("赵六").map(\.uid) == [lease])
        #expect(try reopened.fsck().isEmpty)
    }

    @Test func theDashboardsListsAreCutInSQLWithTheirTrueCounts() throws {
        let t = try TestNode()
        let (loan, lease, sale) = try threeCases(t)
        // Three filings wait for review, each with its 7-day deadline; the oldest first.
        #expect(try t.node.pendingFilingCount() == 3)
        #expect(try t.node.pendingFilings(limit: 2).map(\.0.uid) == [loan, lease])
        #expect(try t.node.pendingFilings().count == 3)
        let today = Node.today()
        let all = try t.node.services.deadlines(withinDays: 30, today: today)
        #expect(all.count == 3 && Set(all.map(\.caseUID)) == [loan, lease, sale])
        let firstTwo = try t.node.services.deadlines(withinDays: 30, today: today, limit: 2)
        #expect(firstTwo.map(\.caseUID) == all.prefix(2).map(\.caseUID))
        #expect(try t.node.services.deadlineCount(withinDays: 30, today: today) == 3)
        // Nothing falls due within 3 days of a day a month earlier, and nothing is overdue then.
        #expect(try t.node.services.deadlines(withinDays: 3, today: today.adding(days: -30), limit: 2).isEmpty)
        #expect(try t.node.services.deadlineCount(withinDays: 3, today: today.adding(days: -30)) == 0)
        #expect(try t.node.services.deadlines(overdueAt: Date().addingTimeInterval(-86_400 * 30)).isEmpty)
        #expect(try t.node.services.deadlines(overdueAt: Date().addingTimeInterval(86_400 * 30), limit: 1).count == 1)
    }

    @Test func reindexReadsTheNextBatchWhileItWritesAndMakesTheSameRows() throws {
        let t = try TestNode()
        _ = try threeCases(t)
        let accepted = try t.fileCase().record.uid
        _ = try t.node.accept(accepted, judge: "刘晓燕")
        _ = try threeCases(t)
        let rows = {
            try t.node.database.read { db in
                try ["cases", "parties", "documents", "timeline", "deadlines", "case_search", "case_pairs"].map {
                    table in
                    try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { row in
                        row.filter { $0.0 != "id" }.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
                    }.sorted()
                }
            }
        }
        let before = try rows()
        // Rows of a case that its records do not make (a table referencing `cases` is emptied whole, not through
        // the cascade of deleting each case) are gone after reindexing.
        try t.node.database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO deadlines (case_uid, record, name, title, chinese, owner, last_day, basis, rule)
                    VALUES (?, 'record.json', 'stale', 'stale', '过时', 'court', '2026-01-01', 'none', 'none')
                    """,
                arguments: [accepted])
            try db.execute(
                sql: "INSERT INTO bookings (id, case_uid, slot_id, holder, created_at, node) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: ["stale", accepted, "slot", "holder", "2026-01-01T00:00:00Z", "node"])
        }
        #expect(try rows() != before)
        #expect(try t.node.reindex(batchSize: 2) == 7)  // four batches, the last one case
        #expect(try rows() == before)
        #expect(try t.node.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM bookings") } == 0)
        #expect(try t.node.fsck().isEmpty)
        #expect(try t.node.search("钱七").count == 2)
    }
}
