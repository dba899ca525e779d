import DocketCore
import DocketKiosk
import DocketStore
import Foundation

/// The node's answers turned into what the kiosk screens show (already masked, already formatted for display).
enum KioskViews {
    /// The case number once the court has given one, else the filing number.
    static func number(_ record: CaseRecord) -> String {
        record.caseNumber ?? FilingNumber.of(uid: record.uid)
    }

    static func queryResult(_ report: ProgressReport) -> KioskQueryResult {
        let contact = KioskContact(judge: report.judge, clerk: report.clerk, phone: report.clerkPhone)
        return KioskQueryResult(
            caseNumber: report.caseNumber ?? FilingNumber.of(uid: report.uid), title: report.title,
            status: report.status,
            nextHearing: report.nextHearing,
            deadlines: report.deadlines.map {
                KioskDeadline(
                    lastDay: $0.lastDay, chinese: $0.name, english: $0.title, overdue: $0.overdue,
                    provisional: $0.provisional != nil)
            },
            contact: contact == KioskContact() ? nil : contact,
            // Newest first: the screen has room for the latest few.
            timeline: report.timeline.reversed().map { "\($0.at.prefix(16)) \($0.summary)" })
    }

    static func document(_ meta: DocumentMeta) -> KioskDocument {
        KioskDocument(
            id: meta.id, title: meta.title, mediaType: meta.mediaType, sizeBytes: Int(meta.size),
            date: String(UTCTime.display(meta.addedAt.date).prefix(10)), isText: meta.mediaType.hasPrefix("text/"))
    }

    /// A text document for the reader: valid UTF-8 as is, anything else replaced; at most 256 KiB of it.
    static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(256 * 1024), as: UTF8.self)
    }

    /// A replicated value as one line: strings as they are, anything else as compact JSON.
    static func display(_ value: JSONValue, masked: Bool) -> String {
        let text: String
        switch value {
        case .null: text = "—"
        case .string(let s): text = s
        default:
            text = String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        return masked ? Masking.mask(text) : NodeKioskServices.scrub(text)
    }
}
