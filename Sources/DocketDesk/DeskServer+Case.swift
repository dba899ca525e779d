import DocketCore
import DocketStore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The case page (record, parties, documents and the dossier, timeline, payments, service, hearings, deadlines,
/// conflicts, and the filing review while the court reviews it) and documents viewed in the browser.
extension DeskServer {
    func casePage(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let reference = context.parameters.get("uid") ?? ""
        let done = request.uri.queryParameters.get("done")
        return await page(request, .readCases) { visit, session in
            let english = visit.english, role = session.user.role
            let (file, deadlines, names, verified) = try await self.read { node in
                let uid = try node.resolveCase(reference)
                let file = try node.caseFile(uid)
                return (
                    file, try node.services.deadlines(case: uid), node.nodeNames(english: english),
                    try Self.verifiedSignatures(node, file)
                )
            }
            var values = Self.caseValues(file, english: english)
            let signingFor =
                DeskPermission.signTranscripts.allows(role)
                ? file.parties.filter { self.node.represents($0) && $0.idNumber != nil } : []
            values["hearings"] = Self.hearingValues(
                file, verified: verified, signingFor: signingFor, names: names, english: english)
            values["calendar"] = DeskPermission.hearingCalendar.allows(role)
            values["canPay"] = DeskPermission.payFees.allows(role) && file.fees.outstanding.value > 0
            values["done"] = done.map { DeskText.done($0, english: english) } as Any
            values["deadlines"] = deadlines.map { d -> [String: String] in
                [
                    "title": english ? d.title : d.chinese, "lastDay": d.lastDay.description, "owner": d.owner,
                    "basis": d.basis, "provisional": d.provisional ?? "",
                ]
            }
            values["conflicts"] = file.conflicts.map { conflict -> [String: Any] in
                let described = ConflictWording.describe(
                    conflict, in: file, nodeNames: names, language: visit.language)
                return [
                    "id": conflict.id, "heading": described.heading, "open": conflict.status == .open,
                ]
            }
            let status = file.record.status
            let court = role.nodeRole == .court, firm = role.nodeRole == .firm
            values["reviewing"] = court && status == .submitted && DeskPermission.reviewFilings.allows(role)
            values["resubmitting"] = firm && status == .correctionRequested && DeskPermission.fileCases.allows(role)
            values["submitting"] = firm && status == .accepted && DeskPermission.submitMaterial.allows(role)
            values["counter"] = court && status == .accepted && DeskPermission.counterPayments.allows(role)
            values["canReviewMaterial"] = court && DeskPermission.reviewMaterial.allows(role)
            if values["reviewing"] as? Bool == true {
                values["quote"] = Self.quote(file.record, english: english)
                values["procedures"] = Procedure.allCases.map {
                    ["value": $0.rawValue, "name": DeskFormat.procedure($0, english: english)]
                }
            }
            if firm {
                let ownNode = self.node.config.nodeId
                values["ownParties"] = file.parties.filter { $0.representative?.firm == ownNode }.map {
                    ["id": $0.id, "name": $0.name]
                }
            }
            return self.html(
                self.pages.render(
                    "case", values, visit: visit, title: file.record.caseNumber ?? file.record.title))
        }
    }

    /// What every case page shows, from the case as it stands.
    static func caseValues(_ file: CaseFile, english: Bool) -> [String: Any] {
        let record = file.record
        let fees = file.fees
        let names = Dictionary(uniqueKeysWithValues: file.parties.map { ($0.id, $0.name) })
        return [
            "uid": record.uid, "caseNumber": record.caseNumber ?? "",
            "filingNumber": DeskFormat.filingNumber(record.uid),
            "caseTitle": record.title, "court": record.court, "cause": record.cause, "claims": record.claims,
            "facts": record.facts ?? "",
            "caseType": DeskFormat.caseType(record.caseType, english: english),
            "claimAmount": DeskFormat.money(record.claimAmountFen, english: english),
            "status": DeskFormat.status(record.status.rawValue, english: english), "statusKey": record.status.rawValue,
            "procedure": record.procedure.flatMap(Procedure.init).map { DeskFormat.procedure($0, english: english) }
                ?? "",
            "judge": record.judge ?? "", "clerk": record.clerk ?? "", "clerkPhone": record.clerkPhone ?? "",
            "acceptedOn": record.acceptedOn ?? "", "receivedOn": record.receivedOn ?? "",
            "filedAt": DeskFormat.time(record.filedAt),
            "parties": file.parties.map { party -> [String: String] in
                [
                    "id": party.id, "role": ConflictWording.roleName(party.role, english: english), "name": party.name,
                    "idNumber": party.idNumber.map(Masking.mask) ?? "", "phone": party.phone.map(Masking.mask) ?? "",
                    "email": party.email ?? "", "address": party.address ?? "",
                    "representative": party.representative?.name ?? "",
                    "firm": party.representative?.firm ?? "",
                    "consent": party.serviceConsent == nil ? "" : (english ? "yes" : "同意"),
                ]
            },
            "documents": file.documents.map { doc -> [String: Any] in
                [
                    "id": doc.id, "title": doc.title, "name": doc.name,
                    "size": ByteCountFormatter.string(
                        fromByteCount: doc.size, countStyle: .file),
                    "addedAt": DeskFormat.time(doc.addedAt), "pending": doc.review == "pending",
                    "refused": doc.review == "refused",
                    "by": doc.submittedBy.flatMap { names[$0] } ?? doc.addedBy,
                ]
            },
            "timeline": file.timeline.reversed().map { entry -> [String: String] in
                ["at": DeskFormat.time(entry.at), "actor": entry.actor, "node": entry.node, "summary": entry.summary]
            },
            "fees": [
                "assessed": DeskFormat.money(fees.assessed.value, english: english),
                "paid": DeskFormat.money(fees.paid.value, english: english),
                "outstanding": DeskFormat.money(fees.outstanding.value, english: english),
                "outstandingYuan": Fen(fees.outstanding.value).yuanString,
                "due": fees.dueDate?.description ?? "", "owes": fees.outstanding.value > 0,
                "refundable": fees.refundable.value > 0,
            ],
            "payments": file.payments.map { p -> [String: String] in
                [
                    "id": p.id, "kind": DeskFormat.paymentKind(p.kind, english: english),
                    "amount": DeskFormat.money(p.amountFen, english: english),
                    "state": DeskFormat.paymentState(p.state, english: english), "method": p.method ?? "",
                    "reference": p.reference ?? "", "due": p.dueDate ?? "", "at": DeskFormat.time(p.updatedAt),
                ]
            },
            "services": file.services.map { s -> [String: String] in
                [
                    "document": s.documentTitle, "party": names[s.partyId] ?? s.partyId, "channel": s.channel.rawValue,
                    "address": s.address, "sent": DeskFormat.time(s.sentAt), "reached": DeskFormat.time(s.reachedAt),
                    "read": DeskFormat.time(s.readAt), "served": DeskFormat.time(s.servedAt),
                    "failure": s.failure ?? "",
                ]
            },
        ]
    }

    /// The fee this filing would pay, step by step, as the acceptance would assess it under the ordinary procedure.
    static func quote(_ record: CaseRecord, english: Bool) -> [String: Any] {
        guard FilingReview.isSuit(record) || record.caseType != "enforcement" else {
            return ["fee": english ? "paid after enforcement" : "执行案件不预交", "steps": [String]()]
        }
        do {
            let quote = try FilingReview.fee(record, procedure: FilingReview.isSuit(record) ? .ordinary : nil)
            return [
                "fee": DeskFormat.money(quote.feeFen, english: english),
                "steps": english ? quote.basis : quote.chineseBasis,
            ]
        } catch {
            let docket = DocketError.wrapping(error, zh: "无法计算诉讼费", en: "The fee cannot be computed")
            return ["fee": docket.message(in: english ? .english : .chinese), "steps": [String]()]
        }
    }

    /// A document in the browser: its record, and the document itself below (PDFs and images embedded, text
    /// notices as printable text on A4). On a firm's desk, opening a document served on a client is its reading.
    func documentPage(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let reference = context.parameters.get("uid") ?? "", id = context.parameters.get("doc") ?? ""
        return await page(request, .readCases) { visit, session in
            try await self.noteReading(session, caseReference: reference, documentId: id)
            let (file, meta, bytes) = try await self.read { node in
                let uid = try node.resolveCase(reference)
                let (meta, bytes) = try node.document(uid, id: id)
                return (try node.caseFile(uid), meta, bytes)
            }
            let text = meta.mediaType.hasPrefix("text/") ? String(decoding: bytes, as: UTF8.self) : nil
            let values: [String: Any] = [
                "uid": file.record.uid,
                "caseNumber": file.record.caseNumber ?? DeskFormat.filingNumber(file.record.uid),
                "caseTitle": file.record.title, "id": meta.id, "docTitle": meta.title, "name": meta.name,
                "mediaType": meta.mediaType, "sha256": meta.sha256, "addedAt": DeskFormat.time(meta.addedAt),
                "size": ByteCountFormatter.string(fromByteCount: meta.size, countStyle: .file),
                "text": text as Any, "pdf": meta.mediaType == "application/pdf",
                "image": meta.mediaType.hasPrefix("image/"),
            ]
            return self.html(self.pages.render("document", values, visit: visit, title: meta.title))
        }
    }

    /// The document's bytes, shown inline by the browser in its own type (never sniffed as another).
    func documentBytes(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let reference = context.parameters.get("uid") ?? "", id = context.parameters.get("doc") ?? ""
        return await page(request, .readCases) { _, _ in
            let (meta, bytes) = try await self.read { node in try node.document(try node.resolveCase(reference), id: id)
            }
            let encoded = meta.name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "document"
            var headers: HTTPFields = [
                .contentType: meta.mediaType.hasPrefix("text/") ? "text/plain; charset=utf-8" : meta.mediaType,
                .contentDisposition: "inline; filename*=UTF-8''\(encoded)",
                .init("X-Content-Type-Options")!: "nosniff", .cacheControl: "private, no-store",
            ]
            // Anything but a PDF (which the browser's own viewer shows) runs nothing: no script, no plugin.
            if meta.mediaType != "application/pdf" {
                headers[.init("Content-Security-Policy")!] = "sandbox; default-src 'none'; style-src 'unsafe-inline'"
            }
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
