import DocketCore
import DocketStore
import Foundation
import GRDB
import Testing

@Suite struct CaseNumberAllocationTests {
    @Test func concurrentAllocationIsGapFreeAndUnique() throws {
        let t = try TestNode()
        let nodes = try (0..<4).map { _ in try Node.open(at: t.data) }
        let lock = NSLock()
        var serials: [Int] = []
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            let node = nodes[worker % nodes.count]
            for i in 0..<25 {
                let uid = String(format: "%02d%024d", worker, i)
                let number = try! node.allocateCaseNumber(for: uid, type: "民初", year: 2026)
                lock.lock(); serials.append(number.serial); lock.unlock()
            }
        }
        #expect(serials.sorted() == Array(1...200))
    }

    @Test func seriesRestartEachYearAndPerTypeAndRepeatsReturnTheSameNumber() throws {
        let t = try TestNode()
        let a = try t.node.allocateCaseNumber(for: "case-a", type: "民初", year: 2025)
        let b = try t.node.allocateCaseNumber(for: "case-b", type: "民初", year: 2025)
        let c = try t.node.allocateCaseNumber(for: "case-c", type: "民初", year: 2026)
        let d = try t.node.allocateCaseNumber(for: "case-d", type: "执", year: 2026)
        let again = try t.node.allocateCaseNumber(for: "case-b", type: "民初", year: 2025)
        #expect(a.canonical == "（2025）鲁0102民初1号")
        #expect(b.serial == 2 && again == b)
        #expect(c.canonical == "（2026）鲁0102民初1号")
        #expect(d.canonical == "（2026）鲁0102执1号")
        let review = try t.node.allocateCaseNumber(for: "case-e", type: "刑核", year: 2026)
        #expect((10_000_000...99_999_999).contains(review.serial))
    }

    @Test func onlyACourtAllocates() throws {
        let firm = try TestNode(role: .firm, nodeId: "firm-a")
        #expect(throws: DocketError.self) { _ = try firm.node.allocateCaseNumber(for: "x", type: "民初", year: 2026) }
    }
}
