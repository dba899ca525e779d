import DocketCore
import DocketKiosk
import DocketKioskRuntime
import DocketStore
import DocketTestSupport
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A court node in its own temporary directory, removed with the value.
final class ScratchNode {
    let root: URL
    let node: Node

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-kiosk-\(UUID().uuidString)")
        node = try Node.initialize(
            at: root.appendingPathComponent("data"),
            config: NodeConfig(nodeId: "court-lixia", role: .court, name: "济南市历下区人民法院", courtCode: "鲁0102"),
            operatorName: "clerk")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var data: URL { root.appendingPathComponent("data") }
}

extension KioskServices {
    /// Performs `effect` and waits for its first answer (or nil after `timeout` seconds).
    func ask(_ effect: KioskEffect, timeout: TimeInterval = 10) -> KioskEffectResult? {
        let box = AnswerBox()
        perform(effect) { box.put($0) }
        return box.wait(timeout)
    }
}

final class AnswerBox: @unchecked Sendable {
    private let lock = NSCondition()
    private var answers: [KioskEffectResult] = []

    func put(_ result: KioskEffectResult) { lock.lock(); answers.append(result); lock.signal(); lock.unlock() }

    func wait(_ timeout: TimeInterval) -> KioskEffectResult? {
        lock.lock(); defer { lock.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while answers.isEmpty, lock.wait(until: deadline) {}
        return answers.isEmpty ? nil : answers.removeFirst()
    }
}

/// A filing as the kiosk's forms produce it.
enum KioskSamples {
    static let idNumber = "370102198503121233"

    static func filing() throws -> FilingInput {
        try FilingInput.parse(
            Array(
                """
                {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "150000.00",
                 "claims": "判令被告偿还借款150000元", "title": "张三丰诉李四民间借贷纠纷",
                 "parties": [{"role": "plaintiff", "name": "张三丰", "idNumber": "\(idNumber)", "phone": "13800138000"},
                             {"role": "defendant", "name": "李四"}]}
                """.utf8), today: Node.today())
    }
}

/// A running `docket-paysim` (the stand-in QR payment service) on a free loopback port, stopped with the value.
final class PaymentSimulator {
    let process = Process()
    let baseURL: URL
    private let output = Pipe()

    init() throws {
        let build = URL(fileURLWithPath: KioskTerminalTests.docket).deletingLastPathComponent()
        process.executableURL = build.appendingPathComponent("docket-paysim")
        process.arguments = ["--listen", "127.0.0.1:0", "--secret", "kiosk-test-secret"]
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        let deadline = Date().addingTimeInterval(20)
        while !line.contains(UInt8(ascii: "\n")), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening on "), let url = URL(string: String(text.dropFirst("listening on ".count)))
        else {
            if process.isRunning { process.terminate() }
            throw TestFailure("docket-paysim did not start: \(text)")
        }
        baseURL = url
    }

    deinit {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Pays an order as the payer's phone would.
    func pay(order: String) throws {
        var request = URLRequest(url: baseURL.appendingPathComponent("simulate/pay/\(order)"), timeoutInterval: 10)
        request.httpMethod = "POST"
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var status = 0 }
        let box = Box()
        URLSession.shared.dataTask(with: request) { _, response, _ in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 15) == .success, box.status == 200 else {
            throw TestFailure("paying \(order) failed (\(box.status))")
        }
    }
}
