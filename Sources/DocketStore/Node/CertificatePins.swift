import DocketCore
import Foundation
import X509

/// The certificate fingerprints pinned for one peer, and the one rule every TLS link of this node applies: the
/// peer's leaf certificate is taken only when its fingerprint is pinned and it is within its validity period —
/// whatever authority signed it, and even when none did. libgit2's fetches and pushes and the changes-feed client
/// all ask this same question.
public struct CertificatePins: Sendable, Equatable {
    /// `sha256:<hex>` fingerprints, lower case.
    public let fingerprints: Set<String>

    public init(_ fingerprints: [String]) { self.fingerprints = Set(fingerprints.map { $0.lowercased() }) }

    /// Why the certificate with these DER bytes is refused, or nil when it is accepted.
    public func refusal(der: [UInt8], host: String, now: Date = Date()) -> DocketError? {
        let fingerprint = NodeTLSIdentity.fingerprint(der: der)
        guard !fingerprints.isEmpty else {
            return DocketError(
                .unauthorized, key: "peer.no-pin", zh: "没有为\(host)登记证书指纹，拒绝连接。",
                en: "No certificate fingerprint is pinned for \(host); the connection is refused.")
        }
        guard fingerprints.contains(fingerprint) else {
            return DocketError(
                .unauthorized, key: "peer.certificate-not-pinned",
                zh: "\(host)出示的证书（\(fingerprint)）不是为其登记的证书，拒绝连接。",
                en: "\(host) presented a certificate (\(fingerprint)) that is not the one pinned for it; refused.")
        }
        guard let certificate = try? Certificate(derEncoded: der) else {
            return DocketError(
                .unauthorized, key: "peer.certificate-unreadable", zh: "\(host)出示的证书无法解析，拒绝连接。",
                en: "\(host) presented a certificate that cannot be read; refused.")
        }
        guard certificate.notValidBefore <= now, now <= certificate.notValidAfter else {
            let until = UTCTime.displayWithZone(certificate.notValidAfter)
            return DocketError(
                .unauthorized, key: "peer.certificate-expired",
                zh: "\(host)的证书不在有效期内（有效期至\(until)），拒绝连接；请对方轮换证书（docket tls rotate）。",
                en: "\(host)'s certificate is outside its validity period (valid until \(until)); refused. "
                    + "The peer must rotate it (docket tls rotate).")
        }
        return nil
    }
}
