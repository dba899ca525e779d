import DocketCore
import DocketDesk
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A node with a desk in process (HummingbirdTesting, no sockets), its accounts made with a low bcrypt cost, and a
/// browser-like client that keeps cookies and reads the forms' CSRF tokens from the pages.
final class DeskBench: @unchecked Sendable {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("docket-desk-\(UUID().uuidString)")
    let node: Node
    let desk: DeskServer
    static let password = "correct horse 1"

    init(
        role: NodeRole, users: [(String, DeskRole)],
        qrGateway: (@Sendable (Node) throws -> any PaymentGateway)? = nil
    ) async throws {
        let config =
            role == .court
            ? NodeConfig(nodeId: "court-lixia", role: .court, name: "历下区人民法院", courtCode: "鲁0102")
            : NodeConfig(nodeId: "firm-a", role: .firm, name: "甲律师事务所", courtCode: nil)
        let made = try Node.initialize(
            at: root.appendingPathComponent("data"), config: config, operatorName: "server")
        node = made
        let pages = try await DeskPages.load()
        desk =
            qrGateway.map { DeskServer(node: made, pages: pages, passwordCost: 4, qrGateway: $0) }
            ?? DeskServer(node: made, pages: pages, passwordCost: 4)
        for (name, role) in users { try desk.accounts.addUser(name: name, role: role, password: Self.password) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var app: some ApplicationProtocol { Application(router: desk.router()) }

    /// Files a case with this node (as the filer) and returns its uid.
    func fileCase(firm: String = "firm-a") throws -> String {
        try node.fileCase(
            try FilingInput.parse(
                Array(
                    """
                    {"court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷", "claimAmount": "100000.00", \
                    "claims": "还款",
                     "parties": [{"role": "plaintiff", "name": "张伟", "phone": "13800138000",
                                  "representative": {"name": "王律师", "firm": "\(firm)"}},
                                 {"role": "defendant", "name": "李四"}]}
                    """.utf8), today: Node.today())
        ).record.uid
    }

    /// The author of the newest commit of a case.
    func lastAuthor(_ uid: String) throws -> String {
        let outcome = try DeskProcess.git([
            "--git-dir", node.paths.repository(ofCase: uid).path, "log", "-1", "--format=%an <%ae>", "main",
        ])
        return outcome.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A client that keeps the cookies a browser would and reads the CSRF token of the last page.
final class DeskClient: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var lastSetCookies: [String] = []

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        var location: String? { headers[.location] }
        /// The value of the first hidden field `name` on the page.
        func field(_ name: String) -> String? {
            guard let range = body.range(of: "name=\"\(name)\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @discardableResult
    func get(_ uri: String) async throws -> Page { try await send(uri, .get, body: nil, type: nil) }

    /// Sends a form (url-encoded); `csrf: true` adds the token of `tokenFrom`'s page.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> Page {
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(uri, .post, body: body, type: "application/x-www-form-urlencoded")
    }

    /// Signs in through the form, as a browser does (GET for the form's token and cookie, then POST).
    @discardableResult
    func signIn(_ name: String, _ password: String = DeskBench.password) async throws -> Page {
        let form = try await get("/signin")
        return try await post(
            "/signin",
            [("signinToken", form.field("signinToken") ?? ""), ("name", name), ("password", password), ("next", "")])
    }

    /// The CSRF token of the session, read from a page that has forms.
    func csrf() async throws -> String {
        let page = try await get("/sync")
        guard let token = page.field("csrf") else {
            throw DeskTestFailure("no csrf token on /sync: \(page.status) \(page.body.prefix(300))")
        }
        return token
    }

    func send(_ uri: String, _ method: HTTPRequest.Method, body: String?, type: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let type { headers[.contentType] = type }
        let response = try await client.executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        lastSetCookies = response.headers[values: .setCookie]
        for header in lastSetCookies {
            let pair = header.split(separator: ";")[0].split(
                separator: "=", maxSplits: 1, omittingEmptySubsequences: false
            ).map(String.init)
            guard pair.count == 2 else { continue }
            if header.lowercased().contains("max-age=0") || pair[1].isEmpty {
                cookies[pair[0]] = nil
            } else {
                cookies[pair[0]] = pair[1]
            }
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: response.body))
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

struct DeskTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum DeskProcess {
    static func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
