import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP request, waited for: the callers (a payment gateway, a peer's changes feed) are synchronous, and a
/// deadline guarantees an answer — or the reason there is none — within the timeout, however the network behaves.
/// Each request has its own ephemeral session, so nothing is cached between them.
public enum BlockingHTTP {
    /// What came back.
    public enum Exchange: Sendable {
        /// An HTTP answer: its status and body.
        case answer(status: Int, body: Data)
        /// No answer at all, and why.
        case noAnswer(NoAnswer)
    }

    /// Why there was no answer.
    public enum NoAnswer: Sendable {
        /// Nothing within the timeout.
        case timedOut
        /// The connection failed (refused, reset, no route, TLS): the system's words.
        case failed(String)
        /// Something answered that is not HTTP.
        case notHTTP
    }

    /// Sends `request` and waits at most `timeout` seconds for the whole answer.
    public static func send(_ request: URLRequest, timeout: TimeInterval) -> Exchange {
        var request = request
        request.timeoutInterval = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        let mailbox = Mutex<Exchange?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = session.dataTask(with: request) { data, response, error in
            let exchange: Exchange
            if let error {
                exchange = .noAnswer(.failed(error.localizedDescription))
            } else if let http = response as? HTTPURLResponse {
                exchange = .answer(status: http.statusCode, body: data ?? Data())
            } else {
                exchange = .noAnswer(.notHTTP)
            }
            mailbox.withLock { $0 = exchange }
            done.signal()
        }
        task.resume()
        guard done.wait(timeout: .now() + timeout + 1) == .success, let exchange = mailbox.withLock({ $0 }) else {
            task.cancel()
            session.invalidateAndCancel()
            return .noAnswer(.timedOut)
        }
        session.finishTasksAndInvalidate()
        return exchange
    }
}
