import DocketCore
import DocketServer
import DocketStore
import DocketSync
import DocketTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Issue 16: the server's rules in process, through HummingbirdTesting (no sockets): who is let in (401), what a
/// peer may see (404 for a case it may not see, as for one that does not exist), how large a request may be (413),
/// and errors answered by their kind.
@Suite struct NodeServerTests {
    /// A court node with one firm peer; a case the firm represents a party in and one it does not.
    final class Court: @unchecked Sendable {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-server-\(UUID().uuidString)")
        let node: Node
        let token: String
        let visible: String, hidden: String

        init() throws {
            node = try Node.initialize(
                at: root.appendingPathComponent("data"),
                config: NodeConfig(nodeId: "court-lixia", role: .court, name: "历下区人民法院", courtCode: "鲁0102"))
            token = try node.peers.invite("firm-a", role: .firm, publicKey: NodeKey.generate().publicKeyBase64)
            let filing = { (firm: String) in
                try FilingInput.parse(
                    Array(
                        """
                        {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "1000.00", \
                        "claims": "还款",
                         "parties": [{"role": "plaintiff", "name": "张三", "representative": {"name": "王律师", \
                        "firm": "\(firm)"}},
                                     {"role": "defendant", "name": "李四"}]}
                        """.utf8), today: Node.today())
            }
            visible = try node.fileCase(try filing("firm-a")).record.uid
            hidden = try node.fileCase(try filing("firm-b")).record.uid
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func app(maxRequestBytes: Int64 = 512 * 1024 * 1024) throws -> some ApplicationProtocol {
            let hooks = try GitHooks.install(in: root.appendingPathComponent("hooks"), executable: Binaries.docket)
            let server = NodeServer(
                node: node, backend: GitHTTPBackend(maxRequestBytes: maxRequestBytes), hooksPath: hooks)
            return Application(router: server.router())
        }

        var bearer: HTTPFields { [.authorization: WireHeader.bearer(token)] }
    }

    @Test func healthNeedsNothingEverythingElseAToken() async throws {
        let court = try Court()
        try await court.app().test(.router) { client in
            try await client.execute(uri: SyncRoute.health, method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "\(SyncRoute.changes)?since=0", method: .get) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(
                uri: "\(SyncRoute.changes)?since=0", method: .get,
                headers: [.authorization: WireHeader.bearer("not-a-token")]
            ) { #expect($0.status == .unauthorized) }
            let basic = "Basic " + Data("x:\(court.token)".utf8).base64EncodedString()
            try await client.execute(
                uri: "\(SyncRoute.changes)?since=0", method: .get, headers: [.authorization: basic]
            ) {
                #expect($0.status == .ok, "stock git's Basic authentication with the token as password")
            }
        }
    }

    @Test func aPeerSeesOnlyItsCasesAndAnUnseenCaseIsNotFound() async throws {
        let court = try Court()
        try await court.app().test(.router) { client in
            try await client.execute(uri: "\(SyncRoute.changes)?since=0", method: .get, headers: court.bearer) {
                response in
                let feed = try JSONDecoder().decode(ChangesFeed.self, from: Data(buffer: response.body))
                #expect(feed.cases.map(\.uid) == [court.visible])
            }
            let advertise = "/info/refs?service=git-upload-pack"
            try await client.execute(
                uri: "\(SyncRoute.gitPrefix)/cases/\(court.visible).git\(advertise)", method: .get,
                headers: court.bearer
            ) {
                #expect($0.status == .ok)
            }
            try await client.execute(
                uri: "\(SyncRoute.gitPrefix)/cases/\(court.hidden).git\(advertise)", method: .get, headers: court.bearer
            ) {
                #expect($0.status == .notFound)
            }
            try await client.execute(
                uri: "\(SyncRoute.gitPrefix)/cases/01zzzzzzzzzzzzzzzzzzzzzzzz.git\(advertise)", method: .get,
                headers: court.bearer
            ) { #expect($0.status == .notFound) }
            try await client.execute(
                uri: "\(SyncRoute.gitPrefix)/elsewhere/x.git\(advertise)", method: .get, headers: court.bearer
            ) {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test func aPushLargerThanTheLimitIs413() async throws {
        let court = try Court()
        try await court.app(maxRequestBytes: 1024).test(.router) { client in
            var headers = court.bearer
            headers[.contentType] = "application/x-git-receive-pack-request"
            try await client.execute(
                uri: "\(SyncRoute.gitPrefix)/cases/\(court.visible).git/git-receive-pack", method: .post,
                headers: headers,
                body: ByteBuffer(repeating: 0x30, count: 4096)
            ) { #expect($0.status == .contentTooLarge) }
        }
    }

    @Test func errorsAreAnsweredByTheirKindInBothLanguages() async throws {
        let court = try Court()
        try court.node.set(.qrSecret, to: "shared-secret")
        try await court.app().test(.router) { client in
            let body = ByteBuffer(
                string:
                    #"{"merchantOrderNo":"DKNOSUCHORDER","transactionId":"t","amountFen":1,"state":"paid","paidAt":""}"#
            )
            try await client.execute(
                uri: SyncRoute.paymentCallback, method: .post,
                headers: [HTTPField.Name(PaymentCallback.signatureHeaderName)!: "sha256=00"], body: body
            ) { response in
                #expect(response.status == .unauthorized)
                let answer = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                #expect(answer?["kind"] == "unauthorized" && answer?["key"] == "payment.callback-signature-invalid")
                #expect(answer?["zh"]?.contains("签名") == true && answer?["en"]?.contains("signature") == true)
            }
        }
    }
}
