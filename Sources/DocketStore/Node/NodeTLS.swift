// swift-crypto 3 has not marked its key types Sendable yet; they are immutable values.
@preconcurrency import Crypto
import DocketCore
import Foundation
import SwiftASN1
import X509

/// The node's TLS identity: a P-256 key and a self-signed certificate, `<data>/tls/node.key` and `node.crt`
/// (PEM, the key mode 0600). Peers pin the certificate by its fingerprint (`sha256:` and the hex SHA-256 of its
/// DER), not by any authority: a court can put its node on the internet without a public CA, and a certificate
/// that a CA signed for someone else is refused all the same.
///
/// Rotation keeps an overlap: `next` is made ahead (`tls/next.*`), its fingerprint given to the peers, and then
/// promoted; a peer accepts every fingerprint it has pinned for a node.
public struct NodeTLSIdentity: Sendable {
    /// The certificate, PEM.
    public let certificatePEM: String
    /// The private key, PEM (PKCS#8).
    public let privateKeyPEM: String
    /// `sha256:<hex>` of the certificate's DER bytes.
    public let fingerprint: String
    public let notValidAfter: Date

    /// A new identity for `nodeId`, naming `hosts` (DNS names or IP addresses; loopback is always included) and
    /// valid for `days` from now.
    public static func generate(
        nodeId: String, hosts: [String] = [], days: Int = 825, now: Date = Date()
    ) throws -> NodeTLSIdentity {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("Docket")
            CommonName(nodeId)
        }
        var names: [GeneralName] = [
            .dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
            .ipAddress(ASN1OctetString(contentBytes: ArraySlice([UInt8](repeating: 0, count: 15) + [1]))),
        ]
        for host in hosts where host != "localhost" {
            if let address = IPv4Address(host) {
                names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(address.bytes))))
            } else {
                names.append(.dnsName(host))
            }
        }
        var serial = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in serial.indices { serial[i] = UInt8.random(in: 0...255, using: &rng) }
        serial[0] &= 0x7f
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(bytes: serial),
            publicKey: .init(key.publicKey), notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(Double(days) * 86_400), issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: .init(key))
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        let der = serializer.serializedBytes
        let pem = PEMDocument(type: "CERTIFICATE", derBytes: der).pemString
        return NodeTLSIdentity(
            certificatePEM: pem, privateKeyPEM: key.pemRepresentation, fingerprint: Self.fingerprint(der: der),
            notValidAfter: certificate.notValidAfter)
    }

    /// `sha256:<hex>` of a certificate's DER bytes: what peers pin.
    public static func fingerprint(der: some Sequence<UInt8>) -> String { "sha256:" + sha256Hex(Array(der)) }

    /// The fingerprint of a PEM certificate.
    public static func fingerprint(pem: String) throws -> String {
        fingerprint(der: try PEMDocument(pemString: pem).derBytes)
    }

    /// Writes the identity to `certificate` and `key` (the key readable by the owner only).
    public func save(certificate: URL, key: URL) throws {
        try FileManager.default.createDirectory(
            at: key.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        try Data(privateKeyPEM.utf8).write(to: key, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        try Data(certificatePEM.utf8).write(to: certificate, options: .atomic)
    }

    /// The identity stored at `certificate` and `key`, or nil when there is none.
    public static func load(certificate: URL, key: URL) throws -> NodeTLSIdentity? {
        guard FileManager.default.fileExists(atPath: certificate.path) else { return nil }
        let pem = try String(contentsOf: certificate, encoding: .utf8),
            keyPEM = try String(contentsOf: key, encoding: .utf8)
        let parsed = try Certificate(pemEncoded: pem)
        return NodeTLSIdentity(
            certificatePEM: pem, privateKeyPEM: keyPEM, fingerprint: try fingerprint(pem: pem),
            notValidAfter: parsed.notValidAfter)
    }
}

/// A dotted IPv4 address, for a certificate's subject names.
private struct IPv4Address {
    let bytes: [UInt8]
    init?(_ text: String) {
        let parts = text.split(separator: ".")
        guard parts.count == 4 else { return nil }
        let bytes = parts.compactMap { UInt8($0) }
        guard bytes.count == 4 else { return nil }
        self.bytes = bytes
    }
}
