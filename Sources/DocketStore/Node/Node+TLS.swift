import DocketCore
import Foundation

extension Node {
    /// The TLS identity this node serves with (made by `docket init`, or by `docket tls init` for an older node).
    public func tlsIdentity() throws -> NodeTLSIdentity? {
        try NodeTLSIdentity.load(certificate: paths.tlsCertificate, key: paths.tlsKey)
    }

    /// The TLS identity to serve with, or the error an operator reads when the node has none yet (an older node).
    public func servedTLSIdentity() throws -> NodeTLSIdentity {
        guard let served = try tlsIdentity() else {
            throw DocketError(
                .notFound, key: "server.no-certificate", zh: "本节点还没有证书；请先运行 docket tls init。",
                en: "This node has no certificate yet; run docket tls init first.")
        }
        return served
    }

    /// The identity made ahead of a rotation, while both are accepted by peers.
    public func nextTLSIdentity() throws -> NodeTLSIdentity? {
        try NodeTLSIdentity.load(certificate: paths.tlsNextCertificate, key: paths.tlsNextKey)
    }

    /// Makes the node's TLS identity when it has none (naming `hosts` beside loopback). Returns it either way.
    @discardableResult
    public func ensureTLSIdentity(hosts: [String] = []) throws -> NodeTLSIdentity {
        if let existing = try tlsIdentity() { return existing }
        let made = try NodeTLSIdentity.generate(nodeId: config.nodeId, hosts: hosts)
        try made.save(certificate: paths.tlsCertificate, key: paths.tlsKey)
        return made
    }

    /// Starts a rotation: a new identity (for `hosts`) kept as the next one. Give its fingerprint to every peer
    /// (`docket peer pin`) while this one still serves; then `promoteNextTLSIdentity`.
    public func prepareNextTLSIdentity(hosts: [String], days: Int = 825) throws -> NodeTLSIdentity {
        let made = try NodeTLSIdentity.generate(nodeId: config.nodeId, hosts: hosts, days: days)
        try made.save(certificate: paths.tlsNextCertificate, key: paths.tlsNextKey)
        return made
    }

    /// Ends a rotation: the next identity serves from the next start of `docket serve`; the old one is kept as
    /// `node.crt.old` for the record.
    public func promoteNextTLSIdentity() throws -> NodeTLSIdentity {
        guard let next = try nextTLSIdentity() else {
            throw DocketError(
                .conflict, key: "tls.no-next", zh: "尚未生成新证书，请先运行 docket tls rotate。",
                en: "There is no next certificate; make one with docket tls rotate first.")
        }
        let fm = FileManager.default
        let old = paths.tls.appendingPathComponent("node.crt.old")
        try? fm.removeItem(at: old)
        if fm.fileExists(atPath: paths.tlsCertificate.path) { try fm.moveItem(at: paths.tlsCertificate, to: old) }
        try? fm.removeItem(at: paths.tlsKey)
        try fm.moveItem(at: paths.tlsNextKey, to: paths.tlsKey)
        try fm.moveItem(at: paths.tlsNextCertificate, to: paths.tlsCertificate)
        return next
    }
}
