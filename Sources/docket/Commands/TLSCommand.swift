import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct TLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "This node's TLS certificate: show it, make it, rotate it.",
        discussion: """
            Peers do not trust certificate authorities: they pin this node's certificate by its fingerprint \
            (docket peer add --fingerprint). Rotating keeps both accepted for a while:
              1. docket tls rotate --host court.example   (makes the next certificate, prints its fingerprint)
              2. on every peer: docket peer pin <this node> <new fingerprint>
              3. docket tls promote, and restart docket serve   (the next certificate now serves)
              4. on every peer: docket peer unpin <this node> <old fingerprint>
            Stock git trusts the certificate file itself: git -c http.sslCAInfo=<data>/tls/node.crt clone https://…
            """,
        subcommands: [Show.self, Init.self, Rotate.self, Promote.self]
    )

    struct Certificate: Encodable {
        var fingerprint: String, validUntil: String, certificate: String, next: String?, nextValidUntil: String?
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The certificate's fingerprint, validity and file.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Flag(help: "Print the certificate itself (PEM), e.g. for git's http.sslCAInfo.") var pem = false

        func run() throws {
            let opened = try node.open()
            guard let identity = try opened.tlsIdentity() else {
                throw DocketError(
                    .notFound, key: "tls.none", zh: "本节点还没有证书；请运行 docket tls init。",
                    en: "This node has no certificate yet; run docket tls init.")
            }
            if pem { print(identity.certificatePEM, terminator: ""); return }
            let next = try opened.nextTLSIdentity()
            let shown = Certificate(
                fingerprint: identity.fingerprint, validUntil: UTCTime.displayWithZone(identity.notValidAfter),
                certificate: opened.paths.tlsCertificate.path, next: next?.fingerprint,
                nextValidUntil: next.map { UTCTime.displayWithZone($0.notValidAfter) })
            if output.json { try printJSON(shown); return }
            print("fingerprint: \(shown.fingerprint)")
            print("valid until: \(shown.validUntil) (Beijing time)")
            print("certificate: \(shown.certificate)")
            if let next = shown.next {
                print(
                    "next fingerprint: \(next) (valid until \(shown.nextValidUntil ?? "")); "
                        + "promote with docket tls promote"
                )
            }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the certificate of a node that has none (docket init makes one for new nodes).")
        @OptionGroup var node: NodeOptions
        @Option(name: .customLong("host"), help: "A name or address peers reach this node by (repeatable).")
        var hosts: [String] = []

        func run() throws {
            let opened = try node.open()
            if let existing = try opened.tlsIdentity() {
                throw DocketError(
                    .conflict, key: "tls.exists", zh: "本节点已有证书（\(existing.fingerprint)）；更换证书请用 docket "
                        + "tls rotate。",
                    en:
                        "This node already has a certificate (\(existing.fingerprint)); "
                        + "use docket tls rotate to change it."
                )
            }
            print("fingerprint: \(try opened.ensureTLSIdentity(hosts: hosts).fingerprint)")
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the next certificate; the current one keeps serving until docket tls promote.")
        @OptionGroup var node: NodeOptions
        @Option(name: .customLong("host"), help: "A name or address peers reach this node by (repeatable).")
        var hosts: [String] = []
        @Option(help: "Days the new certificate is valid.") var days = 825

        func run() throws {
            let next = try node.open().prepareNextTLSIdentity(hosts: hosts, days: days)
            print("next fingerprint: \(next.fingerprint)")
            print(
                "Pin it on every peer (docket peer pin <this node> \(next.fingerprint)), then run docket tls promote.")
        }
    }

    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve with the next certificate from the next start of docket serve.")
        @OptionGroup var node: NodeOptions

        func run() throws {
            let promoted = try node.open().promoteNextTLSIdentity()
            print("fingerprint: \(promoted.fingerprint)")
            print("Restart docket serve; then unpin the old fingerprint on every peer.")
        }
    }
}
