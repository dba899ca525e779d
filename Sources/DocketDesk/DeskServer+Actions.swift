import DocketCore
import DocketStore
import Foundation
import Hummingbird

/// The forms of the case page: the court's filing review (accept, correct, refuse), material review, counter
/// payments and refunds; the firm's resubmission and material. Each one step of the node's API, run as the
/// signed-in person, then back to the case page with what was done.
extension DeskServer {
    func accept(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? ""
        return await action(request, .reviewFilings) { form, _, session in
            let procedure = try form["procedure"].map { text -> Procedure in
                guard let value = Procedure(rawValue: text) else {
                    throw DocketError(
                        .invalidInput, key: "desk.procedure-invalid", zh: "请选择审理程序。", en: "Choose a procedure.")
                }
                return value
            }
            _ = try await self.work(session) { node in
                try node.accept(
                    uid, procedure: FilingReview.isSuit(try node.caseFile(uid).record) ? procedure : nil,
                    judge: form["judge"], clerk: form["clerk"], clerkPhone: form["clerkPhone"])
            }
            return self.redirect("/cases/\(uid)?done=accepted")
        }
    }

    /// One correction notice listing every item (one per line of the text area).
    func correct(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? ""
        return await action(request, .reviewFilings) { form, _, session in
            let items = (form["items"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            _ = try await self.work(session) { node in try node.requestCorrection(uid, items: items) }
            return self.redirect("/cases/\(uid)?done=correction")
        }
    }

    func reject(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? ""
        return await action(request, .reviewFilings) { form, _, session in
            _ = try await self.work(session) { node in try node.reject(uid, reason: form["reason"] ?? "") }
            return self.redirect("/cases/\(uid)?done=rejected")
        }
    }

    /// The filer sends the corrected filing back for review (the 7 days count again).
    func resubmit(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? ""
        return await action(request, .fileCases) { form, _, session in
            _ = try await self.work(session) { node in
                for upload in form.uploads where !upload.bytes.isEmpty {
                    _ = try node.addDocument(uid, bytes: upload.bytes, name: upload.fileName)
                }
                return try node.resubmit(uid)
            }
            return self.redirect("/cases/\(uid)?done=resubmitted")
        }
    }

    /// Supplementary material for a party this firm represents: waits for the judge.
    func submitMaterial(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? ""
        return await action(request, .submitMaterial) { form, _, session in
            guard let upload = form.uploads.first(where: { !$0.bytes.isEmpty }) else {
                throw DocketError(
                    .invalidInput, key: "desk.material-file-required", zh: "请选择要提交的文件。",
                    en: "Choose the file to submit.")
            }
            _ = try await self.work(session) { node in
                try node.addDocument(
                    uid, bytes: upload.bytes, name: upload.fileName, title: form["title"], party: form["party"])
            }
            return self.redirect("/cases/\(uid)?done=material")
        }
    }

    /// The judge lets material into the dossier (`decision=approve`) or refuses it.
    func reviewMaterial(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? "", doc = context.parameters.get("doc") ?? ""
        return await action(request, .reviewMaterial) { form, _, session in
            let approve = form["decision"] == "approve"
            _ = try await self.work(session) { node in try node.reviewMaterial(uid, documentId: doc, approve: approve) }
            return self.redirect("/cases/\(uid)?done=\(approve ? "approved" : "refused")")
        }
    }

    /// A payment taken at the counter (POS reference); the form's key makes a resent form pay once.
    func payAtCounter(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? ""
        return await action(request, .counterPayments) { form, _, session in
            guard let reference = form["reference"] else {
                throw DocketError(
                    .invalidInput, key: "desk.payment-reference-required", zh: "请填写缴费凭证号（POS 参考号）。",
                    en: "Give the payment's reference (the POS slip).")
            }
            let amount = try form["amount"].map { try Fen(parsingYuan: $0) }
            _ = try await self.work(session) { node in
                try node.payments.pay(
                    uid, gateway: CounterGateway(reference: reference), amount: amount,
                    idempotencyKey: form["key"])
            }
            return self.redirect("/cases/\(uid)?done=paid")
        }
    }

    func refund(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? ""
        return await action(request, .counterPayments) { form, _, session in
            guard let ground = form["ground"].flatMap(RefundGround.init) else {
                throw DocketError(
                    .invalidInput, key: "desk.refund-ground-required", zh: "请选择退费理由。",
                    en: "Choose the ground for the refund.")
            }
            _ = try await self.work(session) { node in try node.payments.requestRefund(uid, ground: ground) }
            return self.redirect("/cases/\(uid)?done=refund")
        }
    }

    /// Lifts a visitor's query lockout (by case number and/or terminal).
    func liftLockout(_ request: Request) async -> Response {
        await action(request, .liftLockouts) { form, _, session in
            _ = try await self.work(session) { node in
                try node.liftQueryLockout(caseNumber: form["case"], source: form["source"])
            }
            return self.redirect("/?done=lifted")
        }
    }
}
