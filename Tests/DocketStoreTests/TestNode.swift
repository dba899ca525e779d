import DocketCore
import DocketProcess
import DocketStore
import DocketTestSupport
import Foundation

/// A node in its own temporary directory, removed when the test ends.
final class TestNode {
    let root: URL
    let node: Node

    init(role: NodeRole = .court, nodeId: String = "court-lixia") throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-test-\(UUID().uuidString)")
        node = try Node.initialize(
            at: root.appendingPathComponent("data"),
            config: NodeConfig(
                nodeId: nodeId, role: role, name: "济南市历下区人民法院",
                courtCode: role == .court ? "鲁0102" : nil),
            operatorName: "clerk")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var data: URL { root.appendingPathComponent("data") }

    static let filing = """
        {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "150000.00",
         "claims": "判令被告偿还借款本金150000元及利息",
         "parties": [
           {"role": "plaintiff", "name": "张三丰", "idNumber": "370102198503121233", "phone": "13800138000",
            "representative": {"name": "王律师", "firm": "firm-a"}},
           {"role": "defendant", "name": "李四", "idNumber": "11010519491231002X"}
         ]}
        """

    func fileCase(_ text: String = TestNode.filing) throws -> CaseFile {
        try node.fileCase(try FilingInput.parse(Array(text.utf8), today: Node.today()))
    }

    /// Runs a command and returns its exit status and output (both pipes read at once: it cannot stall).
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> (status: Int32, output: String, error: String) {
        let outcome = try ProcessRunner.run(executable, arguments, environment: environment)
        return (outcome.status, outcome.outputText, outcome.errorText)
    }

    /// The `docket` binary built next to the tests.
    static var docketBinary: String { Binaries.docket }

    /// How many distinct inodes a repository takes (itself included), leaving out `HEAD`'s when it is a link shared
    /// by its shard.
    static func inodes(_ folder: URL) -> Int {
        var seen: Set<UInt64> = []
        var info = stat()
        if lstat(folder.path, &info) == 0 { seen.insert(UInt64(info.st_ino)) }
        for case let path as String in FileManager.default.enumerator(atPath: folder.path) ?? .init()
        where lstat(folder.appendingPathComponent(path).path, &info) == 0 {
            if path == "HEAD", info.st_nlink > 1 { continue }
            seen.insert(UInt64(info.st_ino))
        }
        return seen.count
    }

    /// Runs `git` with a git dir.
    static func git(_ gitDir: URL, _ arguments: String...) throws -> String {
        let result = try run("/usr/bin/git", ["--git-dir", gitDir.path] + arguments)
        guard result.status == 0 else {
            throw TestFailure("git \(arguments.joined(separator: " ")) failed: \(result.error)")
        }
        return result.output
    }
}
