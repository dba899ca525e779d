import DocketCore
import DocketStore
import Foundation

/// Library access to a node in a test, for what no command does on purpose (a hostile firm's commit).
enum DocketStoreNode {
    static func open(_ data: String) throws -> Node { try Node.open(at: URL(fileURLWithPath: data)) }
}

extension Node {
    /// Commits a case-number change signed by this (non-court) node, as a hostile firm could.
    func forgeCourtField(_ uid: String) throws {
        try updateCase(uid) { file, _ in
            var record = file.record
            record.caseNumber = "（2026）鲁0102民初9999号"
            var change = CaseChange(message: "set my own case number")
            try change.write(record, at: "case.json")
            return change
        }
    }
}
