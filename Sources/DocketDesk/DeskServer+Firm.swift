import DocketCore
import DocketStore
import DocketSync
import Foundation
import Hummingbird

/// The firm's pages: its cases with their next deadline, the filing form with drafts; and the case lists and
/// search every page offers.
extension DeskServer {
    /// "My cases": every case this firm node holds (it holds only those it filed or represents a party in), with
    /// status and next deadline, and the person's drafts.
    func firmCases(_ visit: DeskVisit, _ session: DeskSession) async throws -> Response {
        let english = visit.english, drafts = self.drafts, user = session.user.name
        let (rows, saved) = try await read { node in
            (try node.caseOverview(limit: 500), try drafts.drafts(user: user))
        }
        let values: [String: Any] = [
            "cases": rows.map { Self.row($0, english: english) }, "count": rows.count,
            "drafts": saved.map { draft -> [String: String] in
                let form = FilingForm(fields: draft.fields.map { ($0[0], $0.count > 1 ? $0[1] : "") })
                let title =
                    form.fields["title"].flatMap { $0.isEmpty ? nil : $0 }
                    ?? form.rows.compactMap { $0.values["name"] }.filter { !$0.isEmpty }.joined(separator: "、")
                return [
                    "id": draft.id, "title": title.isEmpty ? (english ? "(untitled)" : "（未命名）") : title,
                    "at": UTCTime.displayWithZone(Date(timeIntervalSince1970: draft.updatedAt)),
                ]
            },
        ]
        return html(pages.render("firm-cases", values, visit: visit, title: visit.say("我的案件", "My cases")))
    }

    static func row(_ overview: CaseOverview, english: Bool) -> [String: String] {
        let summary = overview.summary
        return [
            "uid": summary.uid, "caseNumber": summary.caseNumber ?? "",
            "filingNumber": DeskFormat.filingNumber(summary.uid),
            "title": summary.title, "status": DeskFormat.status(summary.status, english: english),
            "filedAt": DeskFormat.time(summary.filedAt),
            "next": (english ? overview.nextDeadlineEnglish : overview.nextDeadline) ?? "",
            "nextDay": overview.nextDeadlineDay ?? "",
        ]
    }

    /// Every case of this node (newest first), optionally of one status.
    func caseList(_ request: Request) async -> Response {
        let status = request.uri.queryParameters.get("status")
        return await page(request, .readCases) { visit, _ in
            let english = visit.english
            let rows = try await self.read { node in try node.caseOverview(status: status, limit: 500) }
            return self.html(
                self.pages.render(
                    "cases", ["cases": rows.map { Self.row($0, english: english) }, "count": rows.count],
                    visit: visit, title: visit.say("案件", "Cases")))
        }
    }

    /// Search from every page: a case number, filing number or uid opens the case; an ID number lists that
    /// party's cases; anything else is full text (titles, causes, claims, party names).
    func search(_ request: Request) async -> Response {
        let query = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces)
        return await page(request, .readCases) { visit, _ in
            let english = visit.english
            guard !query.isEmpty else { return self.redirect("/cases") }
            let found = try await self.read { node -> (String?, [CaseOverview]) in
                if let uid = try? node.resolveCase(query) { return (uid, []) }
                var summaries = try node.cases(withPartyID: query)
                if summaries.isEmpty { summaries = try node.search(query) }
                return (
                    nil,
                    summaries.map {
                        CaseOverview(summary: $0, nextDeadline: nil, nextDeadlineEnglish: nil, nextDeadlineDay: nil)
                    }
                )
            }
            if let uid = found.0 { return self.redirect("/cases/\(uid)") }
            return self.html(
                self.pages.render(
                    "cases",
                    ["cases": found.1.map { Self.row($0, english: english) }, "count": found.1.count, "q": query],
                    visit: visit, title: visit.say("搜索：\(query)", "Search: \(query)")))
        }
    }

    /// The filing form: new, or a saved draft (`?draft=`).
    func filingForm(_ request: Request) async -> Response {
        let draftID = request.uri.queryParameters.get("draft")
        return await page(request, .draftFilings) { visit, session in
            let drafts = self.drafts, user = session.user.name
            let (draft, courts) = try await self.read { node in
                (try draftID.flatMap { try drafts.draft($0, user: user) }, try Self.courts(node))
            }
            if draftID != nil, draft == nil {
                throw DocketError(.notFound, key: "desk.draft-not-found", zh: "没有该草稿。", en: "No such draft.")
            }
            let form =
                draft.map { FilingForm(fields: $0.fields.map { ($0[0], $0.count > 1 ? $0[1] : "") }) }
                ?? FilingForm.blank(court: courts.first)
            return self.filingPage(form, draft: draft, problems: [], courts: courts, visit: visit)
        }
    }

    /// Court codes this firm files with: those of its court peers.
    static func courts(_ node: Node) throws -> [String] {
        try node.peers.all().filter { $0.role == .court }.compactMap(\.courtCode)
    }

    func filingPage(
        _ form: FilingForm, draft: DeskDrafts.Draft?, problems: [String], courts: [String], visit: DeskVisit
    ) -> Response {
        let english = visit.english
        let rows = form.rows.map { row -> [String: Any] in
            let role = PartyRole(rawValue: row.role) ?? .plaintiff
            let number = form.rows.prefix { $0.index != row.index }.filter { $0.role == row.role }.count + 1
            var values: [String: Any] = row.values
            // Every field a row shows, so a blank one never takes a value from the page around it.
            for key in ["name", "idNumber", "phone", "email", "address", "rep", "repLicense", "repPhone"]
            where row.values[key] == nil {
                values[key] = ""
            }
            values["i"] = row.index
            values["label"] = ConflictWording.roleName(role, english: english) + (english ? " \(number)" : "\(number)")
            values["organisation"] = row.values["kind"] == "organisation"
            values["consentOn"] = row.values["consent"] == "on"
            values["idKinds"] = IdentityKind.allCases.map { kind in
                [
                    "value": kind.rawValue, "name": english ? kind.rawValue : kind.chinese,
                    "selected": row.values["idKind"] == kind.rawValue,
                ]
            }
            return values
        }
        let values: [String: Any] = [
            "f": ["cause", "claimAmount", "claims", "facts", "title"].reduce(into: form.fields) {
                $0[$1] = $0[$1] ?? ""
            },
            "rows": rows, "problems": problems, "hasProblems": !problems.isEmpty,
            "draft": draft?.id ?? "", "files": draft?.files.map { ["name": $0.name] } ?? [],
            "courts": courts.map { ["code": $0, "selected": $0 == form.fields["court"]] },
            "caseTypes": FilingInput.caseTypes.map {
                [
                    "value": $0, "name": DeskFormat.caseType($0, english: english),
                    "selected": $0 == form.fields["caseType"],
                ]
            },
        ]
        return html(
            pages.render("filing", values, visit: visit, title: visit.say("网上立案", "File a case")),
            status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// Saves the draft, then adds a party row, or files the case when every field is right (every problem is
    /// shown at once otherwise, and the draft — uploads too — is kept).
    func submitFiling(_ request: Request) async -> Response {
        await action(request, .draftFilings) { form, visit, session in
            let intent = form["intent"] ?? "save"
            if intent == "file", !DeskPermission.fileCases.allows(session.user.role) {
                throw DeskPermission.fileCases.refusal(for: session.user.role)
            }
            let drafts = self.drafts, user = session.user.name, english = visit.english
            let earlier = try await self.read { _ in try form["draft"].flatMap { try drafts.draft($0, user: user) } }
            let saved = try await self.read { _ in
                try drafts.save(form, id: earlier?.id, user: user, keeping: earlier?.files ?? [])
            }
            var filing = FilingForm(fields: form.fields)
            let courts = try await self.read { node in try Self.courts(node) }
            switch intent {
            case "add-plaintiff", "add-defendant":
                filing.addRow(role: intent == "add-plaintiff" ? .plaintiff : .defendant)
                return self.filingPage(filing, draft: saved, problems: [], courts: courts, visit: visit)
            case "file":
                let firm = self.node.config.nodeId
                let (input, problems) = filing.check(firm: firm, today: Node.today(), english: english)
                guard let input else {
                    return self.filingPage(filing, draft: saved, problems: problems, courts: courts, visit: visit)
                }
                let attachments = saved.files.map {
                    (name: $0.name, bytes: [UInt8](Data(base64Encoded: $0.base64) ?? Data()))
                }
                let allowDuplicate = form["allowDuplicate"] == "on"
                let filed = try await self.work(session) { node -> CaseFile? in
                    if !allowDuplicate, !(try node.duplicates(of: input)).isEmpty { return nil }
                    return try node.fileCase(input, attachments: attachments)
                }
                guard let filed else {
                    return self.filingPage(
                        filing, draft: saved,
                        problems: [
                            visit.say(
                                "本所已提交过相同的案件（同一法院、案由、标的额和当事人）。如确需再次提交，请勾选“仍然提交”。",
                                "This firm has already filed the same case (court, cause, amount and parties). Tick "
                                    + "\"file anyway\" if it really is another case.")
                        ], courts: courts, visit: visit)
                }
                try await self.read { _ in try drafts.remove(saved.id, user: user) }
                return self.redirect("/cases/\(filed.record.uid)?done=filed")
            default:
                return self.redirect("/filings/new?draft=\(saved.id)&done=saved")
            }
        }
    }
}
