import DocketCore
import DocketGit
import DocketStore
import Foundation
import Synchronization

extension Peer {
    /// The fingerprints this node accepts from the peer over HTTPS.
    public var certificatePins: CertificatePins { CertificatePins(pins) }

    /// Runs one git transfer (a fetch or a push) under the peer's certificate rule. A certificate the rule refuses
    /// comes out as the rule's own error (expired, not pinned), not as libgit2's generic TLS failure.
    func gitTransfer<T>(_ body: (_ check: @escaping CertificateCheck) throws -> T) throws -> T {
        let pins = certificatePins, name = nodeId
        let refused = RefusalBox()
        let check: CertificateCheck = { der in
            guard let refusal = pins.refusal(der: der, host: name) else { return nil }
            refused.value.withLock { $0 = refusal }
            return refusal.english
        }
        do {
            return try body(check)
        } catch {
            if let refusal = refused.value.withLock({ $0 }) { throw refusal }
            throw error
        }
    }
}

/// The refusal a certificate check gave, kept for the error the transfer throws.
private final class RefusalBox: Sendable {
    let value = Mutex<DocketError?>(nil)
}
