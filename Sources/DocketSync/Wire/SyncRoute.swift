import DocketCore
import Foundation

/// The paths a node serves to its peers and the client asks for — the one place both read them from.
///
/// - `GET /health`
/// - `GET /api/v1/sync/changes?since=N` (the changes feed, `ChangesFeed`)
/// - `POST /api/v1/sync/fetch` (the batched fetch, `BatchStream`)
/// - `POST /api/v1/sync/push` (the batched push, `BatchStream` both ways)
/// - `POST /api/v1/payments/callback` (the payment service's signed notice)
/// - `/git/cases/<uid>.git/…` and `/git/announcements/<court>.git/…` (git's smart HTTP)
public enum SyncRoute {
    public static let health = "/health"
    public static let changes = "/api/v1/sync/changes"
    public static let batchFetch = "/api/v1/sync/fetch"
    public static let batchPush = "/api/v1/sync/push"
    public static let paymentCallback = "/api/v1/payments/callback"
    /// The prefix of every git route, and the router's pattern for it.
    public static let gitPrefix = "/git"
    public static let gitPattern = "/git/**"

    /// The changes feed of a peer at `base` after `since`.
    public static func changes(base: String, since: Int64) -> URL? { URL(string: "\(base)\(changes)?since=\(since)") }

    /// The batched fetch of a peer at `base`.
    public static func batchFetch(base: String) -> URL? { URL(string: "\(base)\(batchFetch)") }

    /// The batched push to a peer at `base`.
    public static func batchPush(base: String) -> URL? { URL(string: "\(base)\(batchPush)") }

    /// A case repository of a peer at `base`, as git clones it.
    public static func caseRepository(base: String, uid: String) -> String { "\(base)\(gitPrefix)/cases/\(uid).git" }

    /// A court's announcements repository at `base` (the court code percent-encoded), or nil for a code that
    /// cannot name one.
    public static func announcements(base: String, court: String) -> String? {
        guard let encoded = court.addingPercentEncoding(withAllowedCharacters: unreserved) else { return nil }
        return "\(base)\(gitPrefix)/announcements/\(encoded).git"
    }

    /// What a git request's path names.
    public enum GitTarget: Equatable, Sendable {
        /// `/git/cases/<uid>.git/<rest>`
        case caseRepository(uid: String, rest: String)
        /// `/git/announcements/<court>.git/<rest>`
        case announcements(court: String, rest: String)
    }

    /// The target of a git request path, or nil for anything else (answered 404).
    public static func gitTarget(_ path: String) -> GitTarget? {
        let parts = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: true)
        guard parts.count == 4, "/\(parts[0])" == gitPrefix, parts[2].hasSuffix(".git") else { return nil }
        let name = String(parts[2].dropLast(4)), rest = String(parts[3])
        switch parts[1] {
        case "cases": return Identifier.isCaseUID(name) ? .caseRepository(uid: name, rest: rest) : nil
        case "announcements": return .announcements(court: name.removingPercentEncoding ?? "", rest: rest)
        default: return nil
        }
    }

    /// RFC 3986 unreserved characters: everything else in a path segment is percent-encoded.
    static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
