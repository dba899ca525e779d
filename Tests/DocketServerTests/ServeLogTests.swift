import DocketCore
import Foundation
import Testing

/// Issue 16: `docket serve` says what goes wrong, one line per event with its reason, and `docket sync status`
/// reads the same from the sync log.
@Suite struct ServeLogTests {
    @Test func aPeerThatIsDownIsLoggedWithItsReasonAndShownBySyncStatus() throws {
        let c = try Cluster()
        try c.docket("firm-a", ["init", "--role", "firm", "--node-id", "firm-a", "--name", "甲律师事务所"])
        // A court that is not there: nothing listens on port 9 (discard) of loopback.
        try c.docket(
            "firm-a",
            [
                "peer", "add", "court-lixia", "--url", "http://127.0.0.1:9", "--role", "court", "--court-code", "鲁0102",
                "--public-key", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "--token", "t0ken-that-goes-nowhere",
            ])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Cluster.binary)
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--sync-interval", "1", "--data", c.data("firm-a")]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let deadline = Date().addingTimeInterval(20)
        var log = ""
        while Date() < deadline, !log.contains("sync failed") {
            Thread.sleep(forTimeInterval: 0.5)
            if let text = try? c.docket("firm-a", ["sync", "status"]), text.contains("court-lixia") { break }
        }
        process.terminate()
        process.waitUntilExit()
        log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let lines = log.split(separator: "\n")
        #expect(lines.contains { $0.contains(" info docket.serve: serving ") && $0.contains("node=firm-a") }, "\(log)")
        let failure = try #require(lines.first { $0.contains(" warning docket.serve: sync failed ") }, "\(log)")
        #expect(failure.contains("peer=court-lixia") && failure.contains("errors=") && failure.contains("+08:00"))
        let status = try c.docket("firm-a", ["sync", "status"])
        #expect(status.contains("court-lixia") && status.contains("出错") && status.contains("+08:00"), "\(status)")
    }
}
