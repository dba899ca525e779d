import DocketCore
import DocketProcess
import DocketStore
import Foundation
import Testing

/// Issue 17: a write names its operator. Inside `Node.acting(as:)` every commit (and timeline entry) a step makes
/// is that person's; outside it the node's own operator's; scopes nest; concurrent scopes do not mix.
@Suite struct OperatorScopeTests {
    func author(_ test: TestNode, _ uid: String) throws -> String {
        let outcome = try ProcessRunner.run(
            "/usr/bin/git",
            ["--git-dir", test.node.paths.repository(ofCase: uid).path, "log", "-1", "--format=%an <%ae>", "main"])
        return outcome.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theScopedOperatorIsTheAuthorOfItsStepsOnly() throws {
        let test = try TestNode()
        let uid = try test.node.acting(as: "wangli") { try test.fileCase().record.uid }
        #expect(try author(test, uid) == "wangli <wangli@court-lixia>")
        #expect(try test.node.caseFile(uid).timeline.last?.actor == "wangli")
        _ = try test.node.acting(as: "outer") {
            try test.node.acting(as: "zhao") { try test.node.requestCorrection(uid, items: ["补充证据目录"]) }
        }
        #expect(try author(test, uid) == "zhao <zhao@court-lixia>")
        _ = try test.node.resubmit(uid)
        #expect(try author(test, uid) == "clerk <clerk@court-lixia>")
        #expect(test.node.currentOperator == "clerk")
    }

    @Test func namesGitCannotCarryAreRefusedAndConcurrentScopesStayApart() throws {
        let test = try TestNode()
        for bad in ["", "two words", "a<b>", "me@there", String(repeating: "x", count: 33)] {
            #expect(throws: DocketError.self) { try test.node.acting(as: bad) { 0 } }
        }
        let lock = NSLock()
        nonisolated(unsafe) var results: [Int: String] = [:]
        DispatchQueue.concurrentPerform(iterations: 8) { n in
            let seen =
                (try? test.node.acting(as: "op\(n)") {
                    Thread.sleep(forTimeInterval: 0.01)
                    return test.node.currentOperator
                }) ?? "failed"
            lock.lock()
            results[n] = seen
            lock.unlock()
        }
        #expect((0..<8).map { results[$0] } == (0..<8).map { "op\($0)" })
    }
}
