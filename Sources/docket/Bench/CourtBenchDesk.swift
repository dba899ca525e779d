import DocketCore
import DocketDesk
import DocketProcess
import DocketStore
import Foundation

/// The desk's pages through a real `docket serve --desk-listen` process, signed in as a clerk (an account made with
/// `docket desk user add`), one kept-alive connection with the session cookie; beside each page, the same data read
/// in this process through the node API the page calls (the case page: what `docket case show --json` reads and
/// prints). `docket serve`'s resident memory is read after start and after the pages, against the same server on an
/// empty node doing the same.
extension CourtBench {
    static let clerk = "benchclerk", password = "bench-password-1"

    /// One kind of page: its paths in turn, and what the same data costs read in-process.
    struct DeskPage {
        var key: String
        var label: String
        var floorLabel: String
        var path: (Int) -> String
        var api: (Int) throws -> Void
    }

    func measureDesk(_ node: Node, _ raw: RawSQLite, scratch: URL, into report: inout CourtReport) throws {
        // The empty node first: the same server, the same pages (the case page has no case there).
        let empty = try Node.initialize(
            at: scratch.appendingPathComponent("empty-node"),
            config: NodeConfig(nodeId: "court-empty", role: .court, name: "空节点", courtCode: CourtNodeBuilder.courtCode))
        let emptyPages = Self.pages(empty, uids: [], names: ["张伟"]).filter { $0.key != "case" }
        let emptyMemory = try serveDesk(empty, pages: emptyPages, log: scratch.appendingPathComponent("empty.log")) {
            _, _, _ in
        }

        let uids = try raw.strings(
            "SELECT uid FROM cases WHERE case_number IS NOT NULL ORDER BY random() LIMIT \(max(requests, 1))")
        let names = try raw.strings("SELECT name FROM parties ORDER BY random() LIMIT \(max(requests, 1))")
        let pages = Self.pages(node, uids: uids, names: names)
        var figures: [(DeskPage, Durations, Durations)] = []
        let memory = try serveDesk(node, pages: pages, log: scratch.appendingPathComponent("serve.log")) {
            page, http, api in figures.append((page, http, api))
        }
        for (page, http, api) in figures {
            report.add(
                "desk.\(page.key).p95", "desk \(page.label) p95", http.percentile(95), "ms",
                floor: api.percentile(95), floorLabel: page.floorLabel, below: 50, target: "p95 < 50 ms")
        }
        report.add(
            "serve.rss.start", "docket serve RSS after start", memory.start, "MiB", floor: emptyMemory.start,
            floorLabel: "empty node")
        report.add(
            "serve.rss.after", "docket serve RSS after the pages", memory.after, "MiB", floor: emptyMemory.after,
            floorLabel: "empty node, same pages", below: 150, target: "< 150 MB")
    }

    /// The four pages the issue names, each with the node API call it is compared with.
    static func pages(_ node: Node, uids: [String], names: [String]) -> [DeskPage] {
        let allowed = CharacterSet.alphanumerics
        return [
            DeskPage(
                key: "dashboard", label: "dashboard /", floorLabel: "its lists, node API",
                path: { _ in "/" }, api: { _ in _ = try DeskServer.dashboardLists(node, english: false) }),
            DeskPage(
                key: "review-queue", label: "review queue /cases?status=submitted",
                floorLabel: "caseOverview, node API", path: { _ in "/cases?status=submitted" },
                api: { _ in _ = try node.caseOverview(status: CaseStatus.submitted.rawValue, limit: 500) }),
            DeskPage(
                key: "case", label: "case page /cases/<uid>", floorLabel: "case show --json, in-process",
                path: { "/cases/\(uids[$0 % uids.count])" },
                api: { i in
                    let view = CaseView(try node.caseFile(try node.resolveCase(uids[i % uids.count])), node: node)
                    _ = try JSONEncoder().encode(view)
                }),
            DeskPage(
                key: "search", label: "search /search?q=<name>", floorLabel: "withPartyID + search, node API",
                path: { i in
                    "/search?q=" + (names[i % names.count].addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
                },
                api: { i in
                    let text = names[i % names.count]
                    if try node.cases(withPartyID: text).isEmpty { _ = try node.search(text) }
                }),
        ]
    }

    /// Adds the clerk, serves the node with the desk, signs in, asks for every page `requests` times (turning
    /// whether the page or the in-process read goes first), and returns the server's VmRSS after start and after.
    func serveDesk(
        _ node: Node, pages: [DeskPage], log: URL,
        _ result: (DeskPage, Durations, Durations) -> Void
    ) throws -> (start: Double, after: Double) {
        let data = node.paths.root.path
        _ = try ProcessRunner.run(BenchServer.ownBinary, ["desk", "user", "remove", Self.clerk, "--data", data])
        let added = try ProcessRunner.run(
            BenchServer.ownBinary, ["desk", "user", "add", Self.clerk, "--role", "clerk", "--data", data],
            input: Data((Self.password + "\n").utf8))
        guard added.succeeded else { throw Self.failure("docket desk user add: \(added.errorText)") }
        let server = try BenchServer(data: node.paths.root, log: log, desk: true)
        defer { server.stop() }
        Thread.sleep(forTimeInterval: 1)
        let start = server.residentMemoryMiB()
        let client = try BenchHTTPClient(hostPort: server.deskHostPort ?? "")
        try signIn(client)
        for page in pages {
            // One request that is not counted: the first of each page compiles nothing, but warms the caches.
            _ = try client.get(page.path(0))
            var http = Durations(), api = Durations()
            for i in 0..<requests {
                let path = page.path(i)
                let timeHTTP = {
                    var response: BenchHTTPClient.Response!
                    http.append(try measure { response = try client.get(path) })
                    guard response.status == 200 else {
                        let body = String(decoding: response.body.prefix(300), as: UTF8.self)
                        throw Self.failure("GET \(path): \(response.status) \(body)")
                    }
                }
                let timeAPI = { api.append(try measure { try page.api(i) }) }
                if i % 2 == 0 { try timeHTTP(); try timeAPI() } else { try timeAPI(); try timeHTTP() }
            }
            result(page, http, api)
        }
        return (start, server.residentMemoryMiB())
    }

    /// Signs in as the clerk: the sign-in page's token (its cookie and its form field are the same value), then the
    /// form; the session cookie is kept by the client.
    func signIn(_ client: BenchHTTPClient) throws {
        _ = try client.get("/signin")
        guard let token = client.cookies["docket_desk_signin"] else { throw Self.failure("no sign-in token") }
        let answer = try client.post(
            "/signin", form: [("signinToken", token), ("name", Self.clerk), ("password", Self.password), ("next", "/")])
        guard answer.status == 303, client.cookies["docket_desk"] != nil else {
            throw Self.failure("sign-in answered \(answer.status)")
        }
    }
}
