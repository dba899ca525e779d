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
        subcommands: [Send.self, Deliver.self, Outbox.self]
    )

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a document of a case to one party or all of them.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid or number.") var reference: String
        @Argument(help: "The document id.") var document: String
        @Option(help: "The party to serve (party id or exact name).") var to: String?
        @Flag(help: "Serve every party.") var all = false
        @Option(help: "email or sms.") var channel: ServiceChannel = .email

        func run() throws {
            guard (to != nil) != all else {
                throw DocketError(
                    .invalidInput, key: "service.recipient-choice-required", zh: "请指定 --to <party-id> 或 "
                        + "--all（二者选一）。",
                    en: "Say --to <party-id> or --all (one of them).")
            }
            let opened = try node.open()
            let uid = try opened.resolveCase(reference)
            let party = try to.map { try opened.party($0, in: try opened.caseFile(uid)).id }
            let records = try opened.outbox.serve(uid, documentId: document, to: party.map { [$0] }, channel: channel)
            if output.json {
                try printJSON(
                    records.map {
                        ["id": $0.id, "partyId": $0.partyId, "channel": $0.channel.rawValue, "address": $0.address]
                    });
                return
            }
            print(
                "Queued \(records.count) message\(records.count == 1 ? "" : "s"); "
                    + "run `docket service deliver` (or `docket serve`)."
            )
        }
    }

    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Deliver what is due in the outbox, once.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag

        func run() throws {
            let report = try node.open().outbox.deliver()
            if output.json { try printJSON(report); return }
            print("Delivered \(report.delivered), failed \(report.failed), waiting \(report.waiting).")
            for failure in report.failures { print("  \(failure.id) failed, retried later: \(failure.reason)") }
        }
    }

    struct Outbox: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "What waits in the outbox and what failed, with the reason; --retry makes them due now and delivers.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Flag(help: "Delivered messages too.") var all = false
        @Option(
            help: ArgumentHelp(
                "Try this message again now (a service record id); repeat, or --retry-all.", valueName: "id"))
        var retry: [String] = []
        @Flag(name: .customLong("retry-all"), help: "Try every waiting message again now.") var retryAll = false

        func run() throws {
            let opened = try node.open()
            if retryAll || !retry.isEmpty {
                let count = try opened.outbox.retry(retryAll ? nil : retry)
                let report = try opened.outbox.deliver()
                if output.json { return try printJSON(report) }
                print(
                    "Retried \(count): delivered \(report.delivered), failed \(report.failed), "
                        + "waiting \(report.waiting)."
                )
                for failure in report.failures { print("  \(failure.id) failed again: \(failure.reason)") }
                return
            }
            let list = try opened.outbox.messages(all: all)
            if output.json { return try printJSON(list) }
            if list.isEmpty { print("发件箱为空。The outbox is empty."); return }
            for m in list {
                let when =
                    m.deliveredAt.map { "delivered \($0)" } ?? m.abandoned.map { "abandoned: \($0)" }
                    ?? "next attempt \(m.nextAttemptAt ?? "—")"
                print(
                    "\(m.id)  \(m.state.padding(toLength: 9, withPad: " ", startingAt: 0)) \(m.channel) \(m.address)  "
                        + "attempts \(m.attempts)  \(when)\(m.lastError.map { "\n    last error: \($0)" } ?? "")"
                )
            }
        }
    }
}

extension ServiceChannel: ExpressibleByArgument {}
