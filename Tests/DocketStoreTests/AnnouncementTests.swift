import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Issue 8, service 11: a court's announcements in `<data>/announcements/<court>.git`.
@Suite struct AnnouncementTests {
    static func at(_ text: String) throws -> LocalDateTime { try LocalDateTime(parsing: text) }

    @Test func aCourtPublishesOneSignedCommitPerAnnouncementInItsOwnRepository() throws {
        let t = try TestNode()
        let repoURL = t.node.paths.announcements(ofCourt: "鲁0102")
        #expect(!FileManager.default.fileExists(atPath: repoURL.path), "made on first use, not by docket init")

        let holiday = try t.node.publishAnnouncement(title: "国庆假期安排", body: "10月1日至7日立案大厅暂停开放。", language: "zh-Hans")
        let hours = try t.node.publishAnnouncement(
            title: "Filing hall hours", body: "8:30-17:00 on working days.",
            validFrom: try Self.at("2025-01-01 08:00"), validUntil: try Self.at("2035-01-01 08:00"))
        #expect(holiday.court == "鲁0102" && holiday.updatedBy == "court-lixia" && holiday.validUntil == nil)

        let repo = try Repository.open(repoURL.path)
        let tip = try #require(try repo.reference("refs/heads/main"))
        let history = try repo.history(from: tip)
        #expect(history.count == 2, "one commit per publication")
        for id in history {
            let commit = try repo.commit(id)
            let (header, signed) = try #require(commit.signature)
            let signature = try #require(CommitSignature(header: header))
            #expect(signature.nodeId == "court-lixia")
            #expect(NodeKey.verify(signature.signature, of: signed, publicKeyBase64: t.node.key.publicKeyBase64))
            #expect(commit.committer.name == "court-lixia" && commit.author.name == "clerk")
        }
        #expect(try repo.commit(tip).message.hasPrefix("Publish announcement \(hours.id)"))
        // Plain canonical JSON at announcements/<id>.json, readable by stock git; git fsck --strict accepts the
        // commits.
        let file = try TestNode.git(repoURL, "show", "main:announcements/\(holiday.id).json")
        #expect(file.contains("\"schema\": \"docket.announcement/1\"") && file.contains("\"validUntil\": null"))
        #expect(
            try TestNode.git(repoURL, "ls-tree", "-r", "--name-only", "main").split(separator: "\n").sorted()
                == ["announcements/\(holiday.id).json", "announcements/\(hours.id).json"].sorted())
        _ = try TestNode.git(repoURL, "fsck", "--strict")

        #expect(try t.node.announcements(court: "鲁0102").map(\.id).sorted() == [holiday.id, hours.id].sorted())
        #expect(try t.node.announcements(court: "京0101").isEmpty)
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func firmAndKioskNodesMayNotPublishOrWithdraw() throws {
        for role in [NodeRole.firm, .kiosk] {
            let t = try TestNode(role: role, nodeId: "other-\(role.rawValue)")
            #expect {
                try t.node.publishAnnouncement(title: "假公告", body: "……")
            } throws: { error in
                "\(error)".contains("Publishing an announcement (发布公告) is a court step")
                    && "\(error)".contains("\(role.rawValue) node")
            }
            #expect(throws: DocketError.self) { try t.node.withdrawAnnouncement(id: "a1") }
            #expect(!FileManager.default.fileExists(atPath: t.data.appendingPathComponent("announcements").path))
            #expect(try t.node.currentAnnouncements().isEmpty)
        }
    }

    @Test func onlyAnnouncementsWithinTheirValidityAndLanguageAreCurrent() throws {
        let t = try TestNode()
        let now = t.node.tick().shanghai
        let ended = try t.node.publishAnnouncement(
            title: "旧公告", body: "已过期", validFrom: try Self.at("2020-01-01 09:00"),
            validUntil: try Self.at("2020-02-01 09:00"))
        let upcoming = try t.node.publishAnnouncement(title: "下周公告", body: "尚未开始", validFrom: now.adding(hours: 48))
        let everyone = try t.node.publishAnnouncement(title: "开放时间", body: "8:30-17:00")
        let english = try t.node.publishAnnouncement(title: "English desk", body: "Window 3.", language: "en")

        #expect(Set(try t.node.currentAnnouncements().map(\.id)) == [everyone.id, english.id])
        #expect(try t.node.currentAnnouncements(language: "zh-Hans").map(\.id) == [everyone.id])
        #expect(Set(try t.node.currentAnnouncements(language: "en").map(\.id)) == [everyone.id, english.id])
        #expect(
            Set(try t.node.currentAnnouncements(at: now.adding(hours: 49)).map(\.id)) == [
                upcoming.id, everyone.id, english.id,
            ])
        #expect(try t.node.currentAnnouncements(at: try Self.at("2020-01-15 12:00")).map(\.id) == [ended.id])

        // Withdrawing ends it now; the record stays as history.
        let withdrawn = try t.node.withdrawAnnouncement(id: everyone.id)
        let until = try #require(withdrawn.validUntil)
        #expect(until >= now && until <= t.node.tick().shanghai)
        #expect(try t.node.currentAnnouncements().map(\.id) == [english.id])
        #expect(try t.node.announcements(court: "鲁0102").count == 4)
        #expect(throws: DocketError.self) { try t.node.withdrawAnnouncement(id: everyone.id) }  // already ended
        #expect(throws: DocketError.self) { try t.node.withdrawAnnouncement(id: ended.id) }
        #expect(throws: DocketError.self) { try t.node.withdrawAnnouncement(id: "anothere") }

        // One not started yet never shows once withdrawn.
        let cancelled = try t.node.withdrawAnnouncement(id: upcoming.id)
        #expect(cancelled.validUntil == upcoming.validFrom)
        #expect(!(try t.node.currentAnnouncements(at: now.adding(hours: 49)).map(\.id).contains(upcoming.id)))

        // Refusals change nothing.
        #expect(throws: DocketError.self) { try t.node.publishAnnouncement(title: " ", body: "正文") }
        #expect(throws: DocketError.self) { try t.node.publishAnnouncement(title: "标题", body: "正文", language: "fr") }
        #expect(throws: DocketError.self) {
            try t.node.publishAnnouncement(title: "标题", body: "正文", validFrom: now, validUntil: now)
        }
        let repo = try Repository.open(t.node.paths.announcements(ofCourt: "鲁0102").path)
        #expect(try repo.history(from: try #require(try repo.reference("refs/heads/main"))).count == 6)
    }

    @Test func fsckReportsAnAnnouncementCommitTheCourtDidNotSign() throws {
        let t = try TestNode()
        try t.node.publishAnnouncement(title: "开放时间", body: "8:30-17:00")
        #expect(try t.node.fsck().isEmpty)
        let repoURL = t.node.paths.announcements(ofCourt: "鲁0102")
        // Stock git adds an unsigned commit on top (same tree) and moves main to it.
        let env = [
            "GIT_AUTHOR_NAME": "m", "GIT_AUTHOR_EMAIL": "m@x", "GIT_COMMITTER_NAME": "m", "GIT_COMMITTER_EMAIL": "m@x",
        ]
        let forged = try TestNode.run(
            "/usr/bin/git", ["--git-dir", repoURL.path, "commit-tree", "main^{tree}", "-p", "main", "-m", "forged"],
            environment: env
        ).output.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try TestNode.git(repoURL, "update-ref", "refs/heads/main", forged)
        let problems = try t.node.fsck()
        #expect(problems.count == 1)
        #expect(
            problems.first?.uid == "announcements/鲁0102" && problems.first?.problem.contains("is not signed") == true)
    }
}
