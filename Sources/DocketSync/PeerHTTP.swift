import DocketCore
import DocketStore
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The few plain HTTP calls a node makes to a peer outside git (the changes feed, probes), with its token.
enum PeerHTTP {
    /// GETs JSON from a peer and decodes it; any failure is a `DocketError` naming the peer and what went wrong.
    static func get<T: Decodable>(_ type: T.Type, url: URL, token: String, timeout: TimeInterval = 30) throws -> T {
        let (status, data) = try send(url: url, token: token, timeout: timeout)
        guard status == 200 else {
            throw DocketError(
                status == 401 ? .unauthorized : .unavailable, key: "peer.http-status",
                zh: "\(url.absoluteString)返回状态码\(status)\(status == 401 ? "（令牌被拒绝）" : "")。",
                en: "\(url.absoluteString) answered \(status)\(status == 401 ? " (the token was refused)" : "").")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw DocketError(
                .unavailable, key: "peer.unreadable-answer",
                zh: "\(url.absoluteString)返回的应答无法读取：\(error.chineseMessage)。",
                en: "\(url.absoluteString) sent an answer that cannot be read: \(error.englishMessage).")
        }
    }

    /// The HTTP status a peer answers a GET of `url` with (e.g. 404 for a repository it does not have).
    static func status(url: URL, token: String, timeout: TimeInterval = 30) throws -> Int {
        try send(url: url, token: token, timeout: timeout).status
    }

    private static func send(url: URL, token: String, timeout: TimeInterval) throws -> (status: Int, data: Data) {
        var request = URLRequest(url: url)
        request.setValue(WireHeader.bearer(token), forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let host = url.host ?? url.absoluteString
        switch BlockingHTTP.send(request, timeout: timeout) {
        case .answer(let status, let body):
            return (status, body)
        case .noAnswer(.timedOut):
            throw DocketError(
                .unavailable, key: "peer.timeout", zh: "\(host)在\(Int(timeout))秒内未响应。",
                en: "\(host) did not answer within \(Int(timeout)) s.")
        case .noAnswer(.failed(let reason)):
            throw DocketError(
                .unavailable, key: "peer.unreachable", zh: "无法连接\(host)：\(reason)",
                en: "Cannot reach \(host): \(reason)")
        case .noAnswer(.notHTTP):
            throw DocketError(
                .unavailable, key: "peer.no-answer", zh: "\(url.absoluteString)没有响应。",
                en: "No answer from \(url.absoluteString).")
        }
    }
}
