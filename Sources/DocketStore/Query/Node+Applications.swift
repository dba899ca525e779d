import DocketCore
import Foundation

/// What a party can apply for by itself, with the credentials of a query (a terminal in the lobby, a party's own
/// node): the walk-in subset of the service requests.
public enum SelfServiceApplication: String, CaseIterable, Sendable {
    case preservation, guarantee, appraisal, mediation, propertyLead = "property-lead", petition, booking, `extension`,
        message
}

/// What an application produced: the request and a line to print on the receipt.
public struct ApplicationReceipt: Sendable {
    public var filing: FilingRecord
    /// E.g. "预约视频接访：2026-12-03 09:00".
    public var summary: String
}

extension Node {
    /// Files an application for the party the credentials unlock (the same checks and rate limit as a query).
    /// `text` is what the person wrote (the property to preserve, the matters to appraise, the reason, the
    /// message, the lead); `amount` is for preservation and guarantees. A booking takes the earliest slot with a
    /// free place. Refusals are sentences in Chinese and English; nothing is written then.
    public func submitApplication(
        _ credentials: QueryCredentials, kind: SelfServiceApplication, text: String, amount: Fen?,
        now: Date = Date()
    ) throws -> ApplicationReceipt {
        let (file, party) = try unlock(credentials, now: now)
        let uid = file.record.uid
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if kind == .booking {
            let petition = file.filings.last { $0.kind == .petition }?.id
            let filing = try services.bookReception(
                uid, party: party.id, name: nil, petitionId: petition, slot: nil, now: now)
            return ApplicationReceipt(
                filing: filing,
                summary: "预约视频接访 \((filing.details["startsAt"] ?? "").replacingOccurrences(of: "T", with: " "))")
        }
        let id = newRecordID("f")
        let after = try serviceStep(uid) { file, actor, side in
            switch kind {
            case .preservation:
                guard let amount else {
                    throw DocketError(
                        .invalidInput, key: "preservation.amount-missing", zh: "请填写申请保全的金额。",
                        en: "Say how much to preserve.")
                }
                return try CaseActions.applyPreservation(
                    file, id: id, applicant: party.id, amount: amount, property: text, reason: "",
                    urgent: false, by: actor)
            case .guarantee:
                guard let amount else {
                    throw DocketError(
                        .invalidInput, key: "guarantee.amount-missing", zh: "请填写担保金额。",
                        en: "Say how much the guarantee covers.")
                }
                guard
                    let preservation = file.filings.last(where: {
                        $0.kind == .preservation && [.applied, .feePaid].contains($0.state)
                    })
                else {
                    throw DocketError(
                        .notFound, key: "preservation.none-pending", zh: "本案没有待裁定的保全申请。",
                        en: "The case has no preservation application waiting for a ruling.")
                }
                return try CaseActions.applyGuarantee(
                    file, id: id, preservationId: preservation.id, applicant: party.id, amount: amount,
                    form: "insurance", guarantor: text, by: actor)
            case .appraisal:
                return try CaseActions.applyAppraisal(file, id: id, applicant: party.id, matters: text, by: actor)
            case .mediation:
                return try CaseActions.requestMediation(file, id: id, applicant: party.id, by: actor)
            case .propertyLead:
                guard let enforcement = file.filings.last(where: { $0.kind == .enforcement && $0.state == .accepted })
                else {
                    throw DocketError(
                        .notFound, key: "enforcement.none-accepted", zh: "本案没有已受理的执行申请。",
                        en: "The case has no accepted enforcement application.")
                }
                return try CaseActions.submitPropertyLead(
                    file, id: id, enforcementId: enforcement.id, applicant: party.id, description: text, by: actor)
            case .petition:
                return try CaseActions.submitPetition(
                    file, id: id, partyId: party.id, petitioner: party.name, text: text, by: actor)
            case .`extension`:
                return try CaseActions.requestExtension(
                    file, id: id, applicant: party.id, what: "期限", reason: text, by: actor)
            case .message:
                return try CaseActions.messageJudge(file, id: id, from: party.id, message: text, by: actor)
            case .booking:
                preconditionFailure("handled above")
            }
        }
        let filing = after.filing(id)!
        return ApplicationReceipt(filing: filing, summary: after.timeline.last?.summary ?? filing.kind.chinese)
    }
}
