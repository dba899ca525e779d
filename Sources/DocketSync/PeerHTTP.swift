import DocketCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The few plain HTTP calls a node makes to a peer outside git (the changes feed, probes), with its token.
enum PeerHTTP {
    /// GETs JSON from a peer and decodes it; any failure is a `DocketError` naming the peer and what went wrong.
    static func get<T: Decodable>(_ type: T.Type, url: URL, token: String, timeout: TimeInterval = 30) throws -> T {
        let (response, data) = try send(url: url, token: token, timeout: timeout)
        guard response.statusCode == 200, let data else {
            throw DocketError(.unavailable, key: "peer.http-status", zh: "\(url.absoluteString)返回状态码\(response.statusCode)\(response.statusCode == 401 ? " (the token was refused)" : "")。", en: "\(url.absoluteString) answered \(response.statusCode)\(response.statusCode == 401 ? " (the token was refused)" : "").")
        }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            throw DocketError(.unavailable, key: "peer.unreadable-answer", zh: "\(url.absoluteString)返回的应答无法读取：\(error.chineseMessage)。", en: "\(url.absoluteString) sent an answer that cannot be read: \(error.englishMessage).")
        }
    }

    /// The HTTP status a peer answers a GET of `url` with (e.g. 404 for a repository it does not have).
    static func status(url: URL, token: String, timeout: TimeInterval = 30) throws -> Int {
        try send(url: url, token: token, timeout: timeout).response.statusCode
    }

    private static func send(url: URL, token: String, timeout: TimeInterval) throws -> (response: HTTPURLResponse, data: Data?) {
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let semaphore = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            box.data = data; box.response = response as? HTTPURLResponse; box.error = error
            semaphore.signal()
        }
        task.resume()
        if semaphore.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            throw DocketError(.unavailable, key: "peer.timeout", zh: "\(url.host ?? "the peer")在\(Int(timeout))秒内未响应。", en: "\(url.host ?? "the peer") did not answer within \(Int(timeout)) s.")
        }
        if let error = box.error { throw DocketError(.unavailable, key: "peer.unreachable", zh: "无法连接\(url.host ?? "the peer")：\(error.localizedDescription)", en: "Cannot reach \(url.host ?? "the peer"): \(error.localizedDescription)") }
        guard let response = box.response else { throw DocketError(.unavailable, key: "peer.no-answer", zh: "\(url.absoluteString)没有响应。", en: "No answer from \(url.absoluteString).") }
        return (response, box.data)
    }

    private final class ResultBox: @unchecked Sendable {
        var data: Data?
        var response: HTTPURLResponse?
        var error: (any Error)?
    }
}
