import DocketCore
import DocketStore
import Foundation
import Testing

/// Issue 14: an accepted case shows the court's 5-day duty to send the complaint and the trial time limit at once;
/// a defendant's answer period appears only once that defendant is served, counted from receipt; every entry has
/// its legal basis, and `docket query` shows the same list.
@Suite struct CivilTimetableTests {
    @Test func acceptanceAndServiceStartTheRightPeriods() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let defendant = try t.node.caseFile(uid).parties.first { $0.role == .defendant }!.id
        try t.node.updateCase(uid) { file, actor in
            try CaseActions.editParty(
                file, party: defendant, set: [("email", "lisi@example.com"), ("serviceConsent", "written")],
                today: Node.today(), by: actor)
        }
        _ = try t.node.accept(uid, procedure: .simple)
        let accepted = try t.node.services.deadlines(case: uid)
        let names = Set(accepted.map(\.name))
        #expect(names.contains("complaint-service") && names.contains("trial-simple"), "\(names)")
        #expect(!names.contains("answer") && !names.contains("jurisdiction-objection"))
        let today = Node.today()
        #expect(accepted.first { $0.name == "trial-simple" }!.lastDay >= today.adding(months: 3))
        #expect(accepted.first { $0.name == "complaint-service" }!.owner == "court")
        #expect(accepted.allSatisfy { !$0.basis.isEmpty })

        // The complaint is served on the defendant by e-mail; delivered (the address is the party's own): received.
        let complaint = try t.node.caseFile(uid).documents[0].id
        _ = try t.node.outbox.serve(uid, documentId: complaint, to: [defendant], channel: .email)
        let mailbox = t.root.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true)
        try t.node.set(.mailCommand, to: "cat > '\(mailbox.path)'/m.eml")
        _ = try t.node.outbox.deliver()
        let served = try t.node.services.deadlines(case: uid)
        #expect(!served.contains { $0.name == "complaint-service" }, "sent: the court's duty is done")
        let answer = try #require(served.first { $0.name == "answer" })
        #expect(answer.owner == defendant && answer.basis.contains("art. 128"))
        let receivedOn = try #require(try t.node.caseFile(uid).services.first?.effectiveServiceTime)
        #expect(
            answer.rule.contains { $0.contains("15 days from") } && answer.lastDay >= today.adding(days: 15),
            "\(receivedOn): \(answer.rule)")
        #expect(served.contains { $0.name == "jurisdiction-objection" && $0.lastDay == answer.lastDay })
    }

    /// The court sets the evidence period within the procedure's bounds, and extends the trial time limit or takes
    /// days out of it; both show in the register with their basis.
    @Test func evidencePeriodAndTrialLimitAdjustments() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        _ = try t.node.accept(uid, procedure: .ordinary)
        let today = Node.today()
        #expect(throws: DocketError.self, "fewer than 15 days under the ordinary procedure") {
            try t.node.serviceStep(uid) { file, actor, side in
                try CaseActions.setEvidencePeriod(
                    file, until: today.adding(days: 10), today: today, side: side, by: actor)
            }
        }
        try t.node.serviceStep(uid) { file, actor, side in
            try CaseActions.setEvidencePeriod(file, until: today.adding(days: 20), today: today, side: side, by: actor)
        }
        let evidence = try #require(try t.node.services.deadlines(case: uid).first { $0.name == "evidence-period" })
        #expect(
            evidence.lastDay == today.adding(days: 20) && evidence.basis.contains("99") && evidence.owner == "parties")

        let before = try #require(try t.node.services.deadlines(case: uid).first { $0.name == "trial-ordinary" })
            .lastDay
        try t.node.serviceStep(uid) { file, actor, side in
            try CaseActions.adjustTrialLimit(
                file, extendMonths: 6, excludeDays: 30, reason: "院长批准；鉴定期间", side: side, by: actor)
        }
        let after = try #require(try t.node.services.deadlines(case: uid).first { $0.name == "trial-ordinary" })
        #expect(after.lastDay > before.adding(months: 6).adding(days: 20), "\(before) → \(after.lastDay)")
        #expect(
            after.rule.contains { $0.contains("Extended by 6 months") }
                && after.rule.contains { $0.contains("30 days not counted") })
        #expect(try t.node.caseFile(uid).timeline.contains { $0.kind == "trial-limit" })
    }

    /// A judgment pronounced in court is sent within 10 days; once served on every party, each party's appeal runs
    /// from its own service, and the periods to apply for enforcement and retrial from the day it takes effect.
    @Test func aJudgmentStartsDeliveryAppealEnforcementAndRetrial() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let parties = try t.node.caseFile(uid).parties
        try t.node.updateCase(uid) { file, actor in
            var change = CaseChange(message: "addresses")
            for (i, party) in parties.enumerated() {
                var p = party
                p.email = "p\(i)@example.com"; p.serviceConsent = "written"; p.updatedAt = actor.time;
                p.updatedBy = actor.node
                try change.write(p, at: "parties/\(p.id).json")
            }
            return change
        }
        _ = try t.node.accept(uid)
        let today = Node.today()
        try t.node.serviceStep(uid) { file, actor, side in
            try CaseActions.recordJudgment(
                file,
                document: try t.node.attachment(
                    name: "判决书.pdf", title: "民事判决书", bytes: Array("判决如下".utf8), actor: actor),
                pronouncedOn: today, inCourt: true, side: side, by: actor)
        }
        let delivery = try #require(try t.node.services.deadlines(case: uid).first { $0.name == "judgment-delivery" })
        #expect(
            delivery.owner == "court" && delivery.lastDay >= today.adding(days: 10)
                && delivery.basis.contains("art. 151"))
        #expect(
            !(try t.node.services.deadlines(case: uid)).contains {
                $0.name == "appeal-judgment" || $0.name == "enforcement-application"
            })

        let judgment = try t.node.caseFile(uid).record.judgmentDocumentId!
        _ = try t.node.outbox.serve(uid, documentId: judgment, to: parties.map(\.id), channel: .email)
        let mailbox = t.root.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true)
        try t.node.set(.mailCommand, to: "cat > '\(mailbox.path)'/$$.eml")
        _ = try t.node.outbox.deliver()
        let after = try t.node.services.deadlines(case: uid)
        #expect(!after.contains { $0.name == "judgment-delivery" }, "sent to every party")
        let appeals = after.filter { $0.name == "appeal-judgment" }
        #expect(Set(appeals.map(\.owner)) == Set(parties.map(\.id)))
        let enforcement = try #require(after.first { $0.name == "enforcement-application" })
        #expect(
            enforcement.owner == parties.first { $0.role == .plaintiff }!.id
                && enforcement.lastDay > appeals.map(\.lastDay).max()!.adding(years: 1))
        #expect(after.contains { $0.name == "retrial-application" && $0.basis.contains("art. 216") })
    }

    /// A ruling not to accept the case, once served on the plaintiff, opens the 10-day appeal.
    @Test func aRulingNotToAcceptOpensTheAppealFromItsService() throws {
        let t = try TestNode()
        let uid = try t.fileCase().record.uid
        let plaintiff = try t.node.caseFile(uid).parties.first { $0.role == .plaintiff }!.id
        try t.node.updateCase(uid) { file, actor in
            try CaseActions.editParty(
                file, party: plaintiff, set: [("email", "zhang@example.com"), ("serviceConsent", "written")],
                today: Node.today(), by: actor)
        }
        _ = try t.node.reject(uid, reason: "不属于本院管辖")
        let ruling = try #require(try t.node.caseFile(uid).documents.first { $0.title.contains("不予受理") })
        #expect(!(try t.node.services.deadlines(case: uid)).contains { $0.name == "appeal-ruling" }, "not yet served")
        _ = try t.node.outbox.serve(uid, documentId: ruling.id, to: [plaintiff], channel: .email)
        let mailbox = t.root.appendingPathComponent("mail")
        try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true)
        try t.node.set(.mailCommand, to: "cat > '\(mailbox.path)'/m.eml")
        _ = try t.node.outbox.deliver()
        let appeal = try #require(try t.node.services.deadlines(case: uid).first { $0.name == "appeal-ruling" })
        #expect(
            appeal.owner == plaintiff && appeal.basis.contains("171") && appeal.lastDay >= Node.today().adding(days: 10)
        )
    }
}
