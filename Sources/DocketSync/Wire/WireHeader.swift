import Foundation

/// The HTTP headers of the sync protocol — the one place both sides read them from.
public enum WireHeader {
    /// The authorization a node sends: its peer token as a bearer token.
    public static func bearer(_ token: String) -> String { "Bearer \(token)" }

    /// The same as a raw header line, for libgit2's custom headers.
    public static func authorizationLine(_ token: String) -> String { "Authorization: \(bearer(token))" }

    /// The token an `Authorization` header carries: `Bearer <token>` (Docket), or HTTP Basic with the token as the
    /// password (stock git). Nil for anything else.
    public static func token(fromAuthorization header: String) -> String? {
        if header.hasPrefix("Bearer ") { return String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        if header.hasPrefix("Basic "), let data = Data(base64Encoded: String(header.dropFirst(6))),
            let pair = String(data: data, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        {
            return String(pair[pair.index(after: colon)...])
        }
        return nil
    }
}
