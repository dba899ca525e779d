import DocketCore
import DocketStore
import DocketSync
import Foundation
import Hummingbird

/// A case's hearings on its page — when (Beijing time), where, before whom, the transcript with each party's
/// signature and whether it verifies — and a lawyer signing the transcript for a client (`Node.signTranscript`,
/// the step the CLI's `hearing sign` takes).
extension DeskServer {
    /// Whether each signature of each hearing's current transcript verifies (hearing id → party id → valid), with
    /// the keys this node knows (its own, its peers', those its courts published).
    static func verifiedSignatures(_ node: Node, _ file: CaseFile) throws -> [String: [String: Bool]] {
        var verified: [String: [String: Bool]] = [:]
        let signed = file.hearings.filter { !$0.signatures.isEmpty }
        guard !signed.isEmpty else { return [:] }
        let keys = try node.knownKeys()
        for hearing in signed {
            let results = try node.services.verifyTranscript(file.record.uid, hearing: hearing.id, publicKeys: keys)
            verified[hearing.id] = Dictionary(
                results.map { ($0.signature.partyId, $0.valid) }, uniquingKeysWith: { first, _ in first })
        }
        return verified
    }

    /// The hearings as the case page lists them; `signingFor` are the parties the reader may sign for (a firm's
    /// lawyer: the clients with a verified ID number), `names` the nodes' names.
    static func hearingValues(
        _ file: CaseFile, verified: [String: [String: Bool]], signingFor: [PartyRecord], names: [String: String],
        english: Bool
    ) -> [[String: Any]] {
        file.hearings.sorted { $0.startsAt > $1.startsAt }.map { hearing -> [String: Any] in
            var values: [String: Any] = [
                "id": hearing.id, "startsAt": beijing(hearing.startsAt, english: english),
                "until": hearing.end.clock, "week": hearing.startsAt.date.description,
                "place": hearing.place ?? "", "judge": hearing.judge ?? "",
                "mode": english ? (hearing.mode == .online ? "online" : "in person") : hearing.mode.chinese,
                "state": hearingState(hearing.state, english: english),
            ]
            guard let transcript = hearing.transcript else { return values }
            let parties = Dictionary(uniqueKeysWithValues: file.parties.map { ($0.id, $0) })
            values["transcript"] = [
                "version": String(transcript.version), "doc": transcript.documentId,
                "filedAt": DeskFormat.time(transcript.filedAt),
            ]
            values["signatures"] = transcript.signatures.values.sorted { $0.signedAt < $1.signedAt }.map {
                signature -> [String: Any] in
                [
                    "party": signature.partyId, "name": signature.name, "maskedId": signature.maskedId,
                    "role": parties[signature.partyId].map { ConflictWording.roleName($0.role, english: english) }
                        ?? "",
                    "method": signature.method == "sign"
                        ? (english ? "signed" : "签名") : (english ? "confirmed" : "确认"),
                    "at": DeskFormat.time(signature.signedAt), "node": names[signature.node] ?? signature.node,
                    "valid": verified[hearing.id]?[signature.partyId] == true,
                ]
            }
            let unsigned = hearing.unsignedParties(file.parties.map(\.id)).compactMap { parties[$0]?.name }
            values["unsigned"] = unsigned
            values["anyUnsigned"] = !unsigned.isEmpty
            let mine = signingFor.filter { transcript.signatures[$0.id] == nil }
            values["signable"] = mine.map { ["id": $0.id, "name": $0.name] }
            values["canSign"] = !mine.isEmpty
            return values
        }
    }

    /// `2026-12-10 09:30（北京时间）` or `2026-12-10 09:30 (Beijing time, UTC+08:00)`.
    static func beijing(_ time: LocalDateTime, english: Bool) -> String {
        "\(time.date) \(time.clock)" + (english ? " (Beijing time, UTC+08:00)" : "（北京时间）")
    }

    static func hearingState(_ state: HearingState, english: Bool) -> String {
        switch state {
        case .scheduled: english ? "scheduled" : "待开庭"
        case .held: english ? "held" : "已开庭"
        case .cancelled: english ? "cancelled" : "已取消"
        }
    }

    /// A lawyer signs (or confirms) the current transcript for a client whose identity the firm has checked.
    func signTranscript(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let uid = context.parameters.get("uid") ?? "", hearing = context.parameters.get("hearing") ?? ""
        return await action(request, .signTranscripts) { form, _, session in
            guard let party = form["party"], !party.isEmpty else {
                throw DocketError(
                    .invalidInput, key: "desk.sign-party-required", zh: "请选择为哪一位当事人签名。",
                    en: "Choose the party you sign for.")
            }
            let method = form["method"] == "confirm" ? "confirm" : "sign"
            _ = try await self.work(session) { node in
                let file = try node.caseFile(uid)
                guard let client = file.party(party), node.represents(client) else {
                    throw DocketError(
                        .notAllowed, key: "desk.sign-not-represented",
                        zh: "本所不是该当事人的代理人，不能为其签名确认庭审笔录。",
                        en: "This firm does not represent that party, so it cannot sign the transcript for them.")
                }
                return try node.services.signTranscript(uid, hearing: hearing, party: party, method: method)
            }
            return self.redirect("/cases/\(uid)?done=signed#hearings")
        }
    }
}
