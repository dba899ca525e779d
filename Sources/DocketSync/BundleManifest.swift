import DocketCore
import Foundation

/// The table of contents of an offline transfer file: which node made it for which, and one git bundle per case
/// with the SHA-256 of its bytes. It is signed with the sending node's key (`manifest.sig`), so the receiver can
/// tell who made it and that nothing was swapped on the way.
public struct BundleManifest: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public var uid: String
        public var tip: String
        public var file: String
        public var sha256: String
    }
    public var format = "docket-bundle/1"
    public var from: String
    public var to: String
    public var createdAt: String
    public var cases: [Entry]

    /// The exact bytes that are signed: canonical JSON.
    func signedBytes() throws -> [UInt8] { try CanonicalJSON.encode(try CanonicalJSON.value(of: self)) }
}
