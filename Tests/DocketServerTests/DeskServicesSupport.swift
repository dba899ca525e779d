import DocketCore
import DocketDesk
import DocketStore
import DocketSync
import Foundation
import Testing

/// A court's desk and a firm's desk side by side in process, and a case carried between their nodes the way a
/// push is taken (fetched onto the peer's ref, then `afterReceive`: integrate or merge, re-index, and on the
/// court complete services and ask about other nodes' QR payments).
struct DeskPair {
    let court: DeskBench
    let firm: DeskBench

    /// The firm's filing: a plaintiff it represents (verified ID, e-mail, consent to e-service) and a defendant.
    static let filing = """
        {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "100000.00", "claims": "还款",
         "parties": [{"role": "plaintiff", "name": "张伟", "idNumber": "370102198503121233",
                      "email": "zhangwei@example.cn", "electronicService": true,
                      "representative": {"name": "陈律师", "firm": "firm-a"}},
                     {"role": "defendant", "name": "李四", "idNumber": "11010519491231002X"}]}
        """

    init(
        court users: [(String, DeskRole)], firm firmUsers: [(String, DeskRole)],
        qrGateway: (@Sendable (Node) throws -> any PaymentGateway)? = nil
    ) async throws {
        court = try await DeskBench(role: .court, users: users)
        firm = try await DeskBench(role: .firm, users: firmUsers, qrGateway: qrGateway)
    }

    /// A case the firm filed and the court accepted (judge 赵法官), as both nodes hold it now.
    func acceptedCase() throws -> String {
        let uid = try firm.node.fileCase(try FilingInput.parse(Array(Self.filing.utf8), today: Node.today()))
            .record.uid
        try Self.carry(uid, from: firm.node, to: court.node)
        _ = try court.node.accept(uid, judge: "赵法官")
        try Self.carry(uid, from: court.node, to: firm.node)
        return uid
    }

    static func carry(_ uid: String, from: Node, to: Node) throws {
        try to.ensureRepository(uid)
        try to.repository(uid).fetch(
            from: from.paths.repository(ofCase: uid).path,
            refspecs: ["+refs/heads/main:refs/peers/\(from.config.nodeId)/main"], headers: [])
        _ = try to.replication.afterReceive(uid: uid, peerID: from.config.nodeId)
    }
}

/// A payment service in process that answers what the test tells it to.
final class FakeQRGateway: PaymentGateway, @unchecked Sendable {
    private let lock = NSLock()
    private var current: GatewayOutcome
    var method: String { "qr" }

    init(_ answer: GatewayOutcome) { current = answer }

    var answer: GatewayOutcome {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }

    func start(_ order: PaymentOrder) throws -> GatewayOutcome { answer }
    func poll(_ order: PaymentOrder) throws -> GatewayOutcome { answer }
    func refund(_ order: PaymentOrder, amountFen: Int64, refundNo: String) throws -> GatewayOutcome {
        .failed(reason: "refunds are not part of these tests")
    }
}

extension DeskClient.Page {
    /// The Chinese characters on the page once the data named in `except` (names, case numbers, places) and the
    /// switch back to Chinese are taken out: none on an English page.
    func chinese(except data: [String]) -> String {
        var text = body.replacingOccurrences(of: "中文", with: "")
        for value in data { text = text.replacingOccurrences(of: value, with: "") }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }))
    }

    /// The inside of the first element whose opening tag contains `marker` (up to its closing `</tag>`).
    func element(_ marker: String, tag: String = "td") -> String? {
        guard let start = body.range(of: marker) else { return nil }
        let rest = body[start.upperBound...]
        guard let close = rest.range(of: ">"), let end = rest.range(of: "</\(tag)>") else { return nil }
        return String(rest[close.upperBound..<end.lowerBound])
    }
}
