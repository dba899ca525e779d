import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The server's bounds on shared work: how many `git http-backend` processes run at once, and how many requests one
/// peer has in flight. Past either, a request is turned away at once with 429 and `Retry-After` — never queued, so a
/// peer that floods the server cannot make it hold more than the bounds, and `/health` and other peers still answer.
public final class Admission: Sendable {
    /// The bounds; `docket serve --max-git-processes / --max-requests-per-peer` set them.
    public struct Limits: Sendable {
        public var gitProcesses: Int
        public var requestsPerPeer: Int
        /// Seconds a turned-away client is told to wait.
        public var retryAfter: Int

        public init(gitProcesses: Int = 16, requestsPerPeer: Int = 8, retryAfter: Int = 5) {
            self.gitProcesses = gitProcesses; self.requestsPerPeer = requestsPerPeer; self.retryAfter = retryAfter
        }
    }

    /// What a turned-away request was over.
    public enum Bound: String, Sendable { case gitProcesses = "git-processes", requestsPerPeer = "requests-per-peer" }

    public let limits: Limits
    private struct State { var git = 0; var perPeer: [String: Int] = [:]; var refused = 0 }
    private let state = Mutex(State())

    public init(limits: Limits = Limits()) { self.limits = limits }

    /// A place for one request of `peer` (and a git process when `git`), or the bound it would pass. The ticket's
    /// `release` must run exactly once, when the work (the git process included) is over.
    public func admit(peer: String, git: Bool) -> Result<Ticket, Refused> {
        state.withLock { state in
            if (state.perPeer[peer] ?? 0) >= limits.requestsPerPeer {
                state.refused += 1
                return .failure(Refused(bound: .requestsPerPeer))
            }
            if git, state.git >= limits.gitProcesses {
                state.refused += 1
                return .failure(Refused(bound: .gitProcesses))
            }
            state.perPeer[peer, default: 0] += 1
            if git { state.git += 1 }
            return .success(Ticket(admission: self, peer: peer, git: git))
        }
    }

    /// Running git processes, requests in flight per peer, and requests turned away so far.
    public var snapshot: (git: Int, perPeer: [String: Int], refused: Int) {
        state.withLock { ($0.git, $0.perPeer, $0.refused) }
    }

    fileprivate func release(peer: String, git: Bool) {
        state.withLock { state in
            state.perPeer[peer, default: 1] -= 1
            if state.perPeer[peer] == 0 { state.perPeer[peer] = nil }
            if git { state.git -= 1 }
        }
    }

    /// A request's place; released once.
    public final class Ticket: Sendable {
        private let admission: Admission
        private let peer: String
        private let git: Bool
        private let released = Mutex(false)

        fileprivate init(admission: Admission, peer: String, git: Bool) {
            self.admission = admission; self.peer = peer; self.git = git
        }

        public func release() {
            let first = released.withLock { done -> Bool in
                defer { done = true }
                return !done
            }
            if first { admission.release(peer: peer, git: git) }
        }

        deinit { release() }
    }

    /// A request turned away, and the answer it gets.
    public struct Refused: Error, Sendable {
        public let bound: Bound

        /// 429 with `Retry-After`, saying in both languages which bound it met.
        public func response(retryAfter: Int) -> Response {
            let text: String
            switch bound {
            case .gitProcesses:
                text =
                    "服务器正忙（同时运行的 git 进程已达上限），请\(retryAfter)秒后重试。\n"
                    + "The server is busy (too many git processes at once); retry in \(retryAfter) s.\n"
            case .requestsPerPeer:
                text =
                    "本节点同时发起的请求过多，请\(retryAfter)秒后重试。\n"
                    + "Too many requests from your node at once; retry in \(retryAfter) s.\n"
            }
            return Response(
                status: .tooManyRequests,
                headers: [.retryAfter: "\(retryAfter)", .contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
