import DocketCore
import DocketStore
import DocketSync
import Foundation
import Hummingbird

/// Merge conflicts side by side in people's words (`ConflictWording`), resolved with a note.
extension DeskServer {
    func conflictList(_ request: Request) async -> Response {
        await page(request, .readCases) { visit, _ in
            let english = visit.english
            let rows = try await self.read { node -> [[String: String]] in
                let names = node.nodeNames(english: english)
                return try node.conflicts().map { conflict in
                    let file = try? node.caseFile(conflict.caseUID)
                    let described = ConflictWording.describe(
                        conflict, in: file, nodeNames: names, language: english ? .english : .chinese)
                    return [
                        "id": conflict.id, "uid": conflict.caseUID, "heading": described.heading,
                        "case": file?.record.caseNumber ?? file?.record.title ?? conflict.caseUID,
                        "sides": described.sides.map { "\($0.nodeName): \($0.value)" }.joined(separator: " / "),
                    ]
                }
            }
            return self.html(
                self.pages.render(
                    "conflicts", ["conflicts": rows, "count": rows.count], visit: visit,
                    title: visit.say("合并冲突", "Merge conflicts")))
        }
    }

    func conflictPage(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let id = context.parameters.get("id") ?? ""
        return await page(request, .readCases) { visit, session in
            let english = visit.english
            let values = try await self.read { node -> [String: Any] in
                let conflict = try node.conflict(id)
                let file = try node.caseFile(conflict.caseUID)
                let names = node.nodeNames(english: english)
                let described = ConflictWording.describe(
                    conflict, in: file, nodeNames: names, language: english ? .english : .chinese)
                let current = ConflictWording.valueText(
                    (try? node.currentValue(of: conflict)) ?? .null, field: conflict.field, english: english)
                return [
                    "id": conflict.id, "uid": conflict.caseUID, "record": described.record, "field": described.field,
                    "case": file.record.caseNumber ?? file.record.title, "current": current,
                    "open": conflict.status == .open,
                    "sides": described.sides.map { side in
                        [
                            "node": side.node, "nodeName": side.nodeName, "value": side.value,
                            "current": side.value == current,
                        ]
                    },
                    "resolution": conflict.resolution.map { r -> [String: String] in
                        [
                            "by": names[r.by] ?? r.by, "note": r.note ?? "", "at": DeskFormat.time(r.at),
                            "value": ConflictWording.valueText(r.value, field: conflict.field, english: english),
                        ]
                    } as Any,
                ]
            }
            var context = values
            context["canResolve"] = DeskPermission.resolveConflicts.allows(session.user.role)
            return self.html(
                self.pages.render("conflict", context, visit: visit, title: visit.say("合并冲突", "Merge conflict")))
        }
    }

    /// Keeps one side's value (`choose` = that side's node id), with the person's note.
    func resolveConflict(_ request: Request, _ context: BasicRequestContext) async -> Response {
        let id = context.parameters.get("id") ?? ""
        return await action(request, .resolveConflicts) { form, _, session in
            guard let choice = form["choose"] else {
                throw DocketError(
                    .invalidInput, key: "desk.conflict-choice-required", zh: "请选择采用哪一方的值。",
                    en: "Choose which value to keep.")
            }
            let resolved = try await self.work(session) { node in
                try node.resolveConflict(id, choose: choice, note: form["note"])
            }
            return self.redirect("/cases/\(resolved.caseUID)?done=resolved")
        }
    }
}
