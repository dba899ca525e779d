// swift-crypto 3 has not marked its key types Sendable yet; they are immutable values.
@preconcurrency import Crypto
import DocketCore
import Foundation

/// The node's Ed25519 key pair: it signs every commit the node makes, so any node can tell who wrote what.
public struct NodeKey: Sendable {
    let privateKey: Curve25519.Signing.PrivateKey

    /// A fresh key pair.
    public static func generate() -> NodeKey { NodeKey(privateKey: .init()) }

    /// The public key as base64 (what `docket node --json` prints and peers register).
    public var publicKeyBase64: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    /// Signs bytes.
    public func sign(_ bytes: [UInt8]) throws -> Data { try privateKey.signature(for: bytes) }

    /// True when `signature` is a valid signature of `bytes` by the holder of `publicKeyBase64`.
    public static func verify(_ signature: Data, of bytes: [UInt8], publicKeyBase64: String) -> Bool {
        guard let raw = Data(base64Encoded: publicKeyBase64),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        else { return false }
        return key.isValidSignature(signature, for: bytes)
    }

    /// Writes the private key (mode 0600) and the public key beside it.
    func save(privateAt url: URL, publicAt publicURL: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let secret = Data((privateKey.rawRepresentation.base64EncodedString() + "\n").utf8)
        guard fm.createFile(atPath: url.path, contents: secret, attributes: [.posixPermissions: 0o600]) else {
            throw DocketError(
                .unavailable, key: "node.key-unwritable", zh: "无法在\(url.path)写入节点密钥。",
                en: "Cannot write the node key at \(url.path).")
        }
        try Data((publicKeyBase64 + "\n").utf8).write(to: publicURL)
    }

    static func load(from url: URL) throws -> NodeKey {
        guard let data = FileManager.default.contents(atPath: url.path),
            let raw = Data(
                base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else {
            throw DocketError(
                .internal, key: "node.key-damaged", zh: "\(url.path)处的节点密钥缺失或已损坏。",
                en: "The node key at \(url.path) is missing or damaged.")
        }
        return NodeKey(privateKey: key)
    }
}

/// The one-line value of a commit's `docketsig` header: `ed25519 <node-id> <base64 signature>`.
public struct CommitSignature: Equatable, Sendable {
    public var nodeId: String
    public var signature: Data

    public init(nodeId: String, signature: Data) { self.nodeId = nodeId; self.signature = signature }

    public init?(header: String) {
        let parts = header.split(separator: " ")
        guard parts.count == 3, parts[0] == "ed25519", let sig = Data(base64Encoded: String(parts[2])) else {
            return nil
        }
        self.init(nodeId: String(parts[1]), signature: sig)
    }

    public var header: String { "ed25519 \(nodeId) \(signature.base64EncodedString())" }
}
