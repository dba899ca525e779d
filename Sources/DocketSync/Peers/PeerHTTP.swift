import DocketCore
import DocketStore
import Foundation

/// The few HTTP calls a node makes to a peer outside git (the changes feed, probes), with its token.
enum PeerHTTP {
    /// GETs JSON from a peer and decodes it; any failure is a `DocketError` naming the peer and what went wrong.
    static func get<T: Decodable>(
        _ type: T.Type, url: URL, token: String, pins: CertificatePins, timeout: TimeInterval = 30
    ) throws -> T {
        let (status, data) = try send(url: url, token: token, pins: pins, timeout: timeout)
        guard status == 200 else { throw statusError(url, status) }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw DocketError(
                .unavailable, key: "peer.unreadable-answer",
                zh: "\(url.absoluteString)返回的应答无法读取：\(error.chineseMessage)。",
                en: "\(url.absoluteString) sent an answer that cannot be read: \(error.englishMessage).")
        }
    }

    /// A peer's answer other than 200, as an error (401: the token was refused).
    static func statusError(_ url: URL, _ status: Int) -> DocketError {
        DocketError(
            status == 401 ? .unauthorized : .unavailable, key: "peer.http-status",
            zh: "\(url.absoluteString)返回状态码\(status)\(status == 401 ? "（令牌被拒绝）" : "")。",
            en: "\(url.absoluteString) answered \(status)\(status == 401 ? " (the token was refused)" : "").")
    }

    /// The HTTP status a peer answers a GET of `url` with (e.g. 404 for a repository it does not have).
    static func status(url: URL, token: String, pins: CertificatePins, timeout: TimeInterval = 30) throws -> Int {
        try send(url: url, token: token, pins: pins, timeout: timeout).status
    }

    /// POSTs `body` (JSON) and writes the answer to `file`; returns the status. `timeout` is how long the peer may
    /// stay silent.
    static func post(
        url: URL, body: [UInt8], contentType: String = "application/json", token: String, pins: CertificatePins,
        timeout: TimeInterval = 60, into file: FileHandle, limit: Int, download: BatchDownload? = nil
    ) throws -> Int {
        try refusePlainBeyondLoopback(url)
        return try PeerExchange.post(
            url, headers: [("Authorization", WireHeader.bearer(token)), ("Content-Type", contentType)],
            body: body, pins: pins, timeout: timeout, into: file, limit: limit, download: download)
    }

    /// Over HTTPS with the peer's certificate pinned; plain HTTP only on loopback.
    private static func send(
        url: URL, token: String, pins: CertificatePins, timeout: TimeInterval
    ) throws -> (status: Int, data: Data) {
        try refusePlainBeyondLoopback(url)
        let (status, body) = try PeerExchange.get(
            url, headers: [("Authorization", WireHeader.bearer(token)), ("Accept", "application/json")], pins: pins,
            timeout: timeout)
        return (status, body)
    }

    private static func refusePlainBeyondLoopback(_ url: URL) throws {
        if url.scheme != "https" {
            guard let host = url.host, PeerBook.isLoopback(host) else {
                throw DocketError(
                    .notAllowed, key: "peer.plain-http-refused", zh: "拒绝以明文 http "
                        + "连接本机以外的节点（\(url.absoluteString)）。",
                    en: "Plain http to a node beyond loopback is refused (\(url.absoluteString)).")
            }
        }
    }
}
