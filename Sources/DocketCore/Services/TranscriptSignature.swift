import Foundation

/// A party's confirmation or signature of a hearing transcript: it binds the party's verified identity (party
/// id, masked ID number, name) to the transcript's SHA-256, and the node that checked the identity signs that
/// binding with its Ed25519 key. Anyone with the node's public key can verify it; no other key is involved.
///
/// DocketCore defines the signed bytes (`payload`) and the checks; the Ed25519 operations are the store's
/// (`NodeKey`), passed in as closures, so the domain stays free of crypto libraries.
public struct TranscriptSignature: Codable, Equatable, Sendable {
    /// What the signature is for; part of the payload, so it cannot be replayed as another kind of signature.
    public static let purpose = "docket.transcript-signature/1"

    public var partyId: String
    public var name: String
    /// The party's ID number masked by `Masking.mask` (never the full number).
    public var maskedId: String
    public var documentId: String
    /// Lower-case hex SHA-256 of the transcript's bytes as signed.
    public var sha256: String
    /// `confirm` (read and confirmed) or `sign` (hand-written signature on the phone).
    public var method: String
    public var signedAt: HybridTimestamp
    /// The node that checked the identity and signed; its public key verifies `signature`.
    public var node: String
    /// Base64 of the Ed25519 signature of `payload(caseUID:hearingId:)`.
    public var signature: String

    public init(
        partyId: String, name: String, maskedId: String, documentId: String, sha256: String, method: String,
        signedAt: HybridTimestamp, node: String, signature: String = ""
    ) {
        self.partyId = partyId; self.name = name; self.maskedId = maskedId; self.documentId = documentId
        self.sha256 = sha256; self.method = method; self.signedAt = signedAt; self.node = node;
        self.signature = signature
    }

    /// The exact bytes that are signed: canonical JSON of the case, the hearing, the identity, the document and its
    /// hash, the method, the time and the node. Equal inputs give equal bytes on every node.
    public func payload(caseUID: String, hearingId: String) -> [UInt8] {
        CanonicalJSON.encode(
            .object([
                "purpose": .string(Self.purpose), "case": .string(caseUID), "hearing": .string(hearingId),
                "partyId": .string(partyId), "name": .string(name), "maskedId": .string(maskedId),
                "documentId": .string(documentId), "sha256": .string(sha256), "method": .string(method),
                "signedAt": .string(signedAt.description), "node": .string(node),
            ]))
    }

    /// Signs with `sign` (the node key's Ed25519 signature over the payload) and keeps the base64 result.
    public mutating func sign(caseUID: String, hearingId: String, with sign: ([UInt8]) throws -> [UInt8]) rethrows {
        signature = Data(try sign(payload(caseUID: caseUID, hearingId: hearingId))).base64EncodedString()
    }

    /// Verifies the signature against the transcript as it is now: the hash it binds must equal `transcriptSha256`
    /// (a transcript changed after signing fails), and `isValid(payload, signatureBytes)` — the Ed25519 check with
    /// the signing node's public key — must accept it.
    public func verify(
        caseUID: String, hearingId: String, transcriptSha256: String,
        isValid: ([UInt8], [UInt8]) -> Bool
    ) -> Bool {
        guard sha256 == transcriptSha256.lowercased(), let bytes = Data(base64Encoded: signature), !bytes.isEmpty else {
            return false
        }
        return isValid(payload(caseUID: caseUID, hearingId: hearingId), Array(bytes))
    }

    /// Lower-case hex SHA-256 of a document's bytes (the same digest the dossier stores in `DocumentMeta.sha256`).
    public static func sha256Hex(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }
}
