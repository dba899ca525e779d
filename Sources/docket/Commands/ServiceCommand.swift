import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct ServiceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service",
        abstract: "Serve documents electronically (电子送达) and deliver the outbox.",
        discussion: """
        `send` records the service in the case and queues a message per party; `deliver` hands queued messages to \
        the node's sendmail-compatible command (mail.command, default /usr/sbin/sendmail -t -i) or SMS command \
        (sms.command, called with the number as its argument and the text on stdin). Failures are retried with \
        backoff and never lost. An address the party gave counts as served when the message reaches it (在线诉讼规则 \
        art. 31); an e-service certificate (送达凭证) then joins the dossier. `docket serve` will deliver continuously.
        """,
        subcommands: [Send.self, Deliver.self]
    )

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve a document of a case to one party or all of them.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid or number.") var reference: String
        @Argument(help: "The document id.") var document: String
        @Option(help: "The party to serve.") var to: String?
        @Flag(help: "Serve every party.") var all = false
        @Option(help: "email or sms.") var channel: ServiceChannel = .email

        func run() throws {
            guard (to != nil) != all else { throw DocketError("Say --to <party-id> or --all (one of them).") }
            let opened = try node.open()
            let records = try opened.serve(try opened.resolveCase(reference), documentId: document, to: to.map { [$0] }, channel: channel)
            if output.json { try printJSON(records.map { ["id": $0.id, "partyId": $0.partyId, "channel": $0.channel.rawValue, "address": $0.address] }); return }
            print("Queued \(records.count) message\(records.count == 1 ? "" : "s"); run `docket service deliver` (or `docket serve`).")
        }
    }

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver what is due in the outbox, once.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag

        func run() throws {
            let report = try node.open().deliverOutbox()
            if output.json { try printJSON(report); return }
            print("Delivered \(report.delivered), failed \(report.failed) (will retry), waiting \(report.waiting).")
        }
    }
}

extension ServiceChannel: ExpressibleByArgument {}
