import Testing

@testable import DocketCore

@Suite struct ServicesMediationHearingTests {
    /// 2026-09-30T10:00 Asia/Shanghai (a Wednesday, the eve of the National Day holiday 10-01…10-07; 10-10 is a
    /// make-up working Saturday).
    static let eveOfNationalDay: Int64 = 1_790_733_600_000

    @Test func mediationNeedsEveryConsentAndEverySignature() throws {
        let tree = try ServicesTree()
        tree.at(Self.eveOfNationalDay)
        try tree.run { file, actor in try CaseActions.requestMediation(file, id: "fmed", applicant: "pa", by: actor) }
        expectRefusal("Not every party has consented") {
            _ = try CaseActions.assignMediator(
                try tree.file, id: "fmed", mediator: "赵调解员", side: .court, by: tree.actor("court-1"))
        }
        try tree.run { file, actor in
            try CaseActions.consentToMediation(file, id: "fmed", party: "pb", side: .party, by: actor)
        }
        let filing = try #require(try tree.file.filing("fmed"))
        #expect(filing.state == .consented && Set(filing.consents.keys) == ["pa", "pb"])

        // Deadlines across the National Day holiday, in working days.
        let deadlines = ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods)
        let choice = try #require(deadlines.first { $0.name == "mediator-choice" })
        let assignment = try #require(deadlines.first { $0.name == "mediator-assignment" })
        #expect(choice.lastDay.description == "2026-10-09")  // 10-08 Thu, 10-09 Fri
        #expect(assignment.lastDay.description == "2026-10-10")  // the make-up Saturday counts
        #expect(assignment.rule.contains { $0.contains("国庆节") } && assignment.owner == "court")

        expectRefusal("Only a court node") {
            _ = try CaseActions.assignMediator(
                try tree.file, id: "fmed", mediator: "赵调解员", side: .party, by: tree.actor())
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.assignMediator(file, id: "fmed", mediator: "赵调解员", side: .court, by: actor)
        }
        // Pre-filing (the case is not accepted): 30 days from assignment.
        let period = try #require(
            ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).first {
                $0.name == "mediation-pre-filing"
            })
        #expect(period.lastDay.description == "2026-10-30" && period.basis.contains("法释〔2016〕14号"))

        try tree.run("court-1") { file, actor in
            try CaseActions.draftMediationAgreement(
                file, id: "fmed", agreement: ServicesTree.document("dagree", "调解协议", "双方同意……", actor: actor),
                side: .court, by: actor)
        }
        try tree.run { file, actor in try CaseActions.signMediationAgreement(file, id: "fmed", party: "pa", by: actor) }
        expectRefusal("Unsigned agreement: 李四 has not signed") {
            _ = try CaseActions.concludeMediation(
                try tree.file, id: "fmed", settled: true, side: .court, by: tree.actor("court-1"))
        }
        try tree.run { file, actor in try CaseActions.signMediationAgreement(file, id: "fmed", party: "pb", by: actor) }
        try tree.run("court-1") { file, actor in
            try CaseActions.concludeMediation(file, id: "fmed", settled: true, side: .court, by: actor)
        }
        #expect(try tree.file.filing("fmed")?.state == .settled)
        #expect(try tree.file.record.status == .closed)
    }

    @Test func partiesChoosingTheSameMediatorAssignIt() throws {
        let tree = try ServicesTree()
        try tree.run { file, actor in try CaseActions.requestMediation(file, id: "fmed", applicant: "pa", by: actor) }
        try tree.run { file, actor in
            try CaseActions.consentToMediation(file, id: "fmed", party: "pa", mediator: "钱调解员", side: .party, by: actor)
        }
        try tree.run { file, actor in
            try CaseActions.consentToMediation(file, id: "fmed", party: "pb", mediator: "钱调解员", side: .party, by: actor)
        }
        let filing = try #require(try tree.file.filing("fmed"))
        #expect(filing.state == .mediatorAssigned && filing.details["mediator"] == "钱调解员" && filing.courtState == nil)
    }

    @Test func hearingNeedsThreeDaysNotice() throws {
        let tree = try ServicesTree()
        let today = FilingInputTests.today  // 2026-11-29
        expectRefusal("at least 3 days before") {
            _ = try CaseActions.scheduleHearing(
                try tree.file, id: "h1", mode: .online, startsAt: try LocalDateTime(parsing: "2026-12-01T09:30"),
                place: nil, today: today, notice: nil, side: .court, by: tree.actor("court-1"))
        }
        expectRefusal("Only a court node") {
            _ = try CaseActions.scheduleHearing(
                try tree.file, id: "h1", mode: .online, startsAt: try LocalDateTime(parsing: "2026-12-02T09:30"),
                place: nil, today: today, notice: nil, side: .party, by: tree.actor())
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.scheduleHearing(
                file, id: "h1", mode: .online, startsAt: try LocalDateTime(parsing: "2026-12-02T09:30"),
                place: "https://court.example/room/1", today: today, notice: nil, side: .court, by: actor)
        }
        let notice = try #require(
            ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).first {
                $0.name == "hearing-notice"
            })
        #expect(notice.lastDay.description == "2026-11-29" && notice.basis == "CPL (2023) art. 139")
    }

    /// A stand-in for Ed25519 in a pure test: the "signature" is SHA-256 of the payload.
    static func fakeSign(_ payload: [UInt8]) -> [UInt8] { SHA256.hash(payload) }
    static func fakeVerify(_ payload: [UInt8], _ signature: [UInt8]) -> Bool { SHA256.hash(payload) == signature }

    @Test func transcriptSignaturesBindIdentityToTheHash() throws {
        let tree = try ServicesTree()
        try tree.run("court-1") { file, actor in
            try CaseActions.scheduleHearing(
                file, id: "h1", mode: .inPerson, startsAt: try LocalDateTime(parsing: "2026-12-10T09:30"),
                place: "第三法庭", today: FilingInputTests.today, notice: nil, side: .court, by: actor)
        }
        expectRefusal("no transcript") {
            _ = try CaseActions.signTranscript(
                try tree.file, hearing: "h1", party: "pa", method: "sign", sign: Self.fakeSign, by: tree.actor())
        }
        let heldOn = try LocalDate(parsing: "2026-12-10")
        // Not before the hearing has begun: 2026-12-10 09:29 Beijing time is too early.
        tree.at(1_796_866_200_000 - 60_000)
        expectRefusal("once it has begun") {
            _ = try CaseActions.fileTranscript(
                try tree.file, hearing: "h1", heldOn: heldOn,
                transcript: ServicesTree.document("dtrans", "庭审笔录", "审判长：现在开庭。", actor: tree.actor("court-1")),
                side: .court, by: tree.actor("court-1"))
        }
        tree.at(1_796_868_000_000)  // 2026-12-10 10:00 Beijing time
        try tree.run("court-1") { file, actor in
            try CaseActions.fileTranscript(
                file, hearing: "h1", heldOn: heldOn,
                transcript: ServicesTree.document("dtrans", "庭审笔录", "审判长：现在开庭。", actor: actor),
                side: .court, by: actor)
        }
        // Both parties have 5 days (CPL art. 150): 2026-12-15.
        let open = ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).filter {
            $0.name == "transcript-signature"
        }
        #expect(open.map(\.owner) == ["pa", "pb"] && open.allSatisfy { $0.lastDay.description == "2026-12-15" })

        try tree.run { file, actor in
            try CaseActions.signTranscript(
                file, hearing: "h1", party: "pa", method: "sign", sign: Self.fakeSign, by: actor)
        }
        expectRefusal("already signed") {
            _ = try CaseActions.signTranscript(
                try tree.file, hearing: "h1", party: "pa", method: "sign", sign: Self.fakeSign, by: tree.actor())
        }
        let file = try tree.file
        let hearing = try #require(file.hearing("h1"))
        let signature = try #require(hearing.signatures["pa"])
        #expect(signature.maskedId == "370***********1233" && signature.name == "张三")
        #expect(signature.sha256 == TranscriptSignature.sha256Hex(Array("审判长：现在开庭。".utf8)))
        #expect(
            signature.verify(
                caseUID: file.record.uid, hearingId: "h1", transcriptSha256: hearing.transcriptSha256!,
                isValid: Self.fakeVerify))
        // A changed transcript, another case or a tampered identity fails.
        #expect(
            !signature.verify(
                caseUID: file.record.uid, hearingId: "h1", transcriptSha256: String(repeating: "0", count: 64),
                isValid: Self.fakeVerify))
        #expect(
            !signature.verify(
                caseUID: "01kb5s2q3r4t5v6w7x8y9z0zzz", hearingId: "h1", transcriptSha256: hearing.transcriptSha256!,
                isValid: Self.fakeVerify))
        var tampered = signature
        tampered.name = "王五"
        #expect(
            !tampered.verify(
                caseUID: file.record.uid, hearingId: "h1", transcriptSha256: hearing.transcriptSha256!,
                isValid: Self.fakeVerify))
        #expect(
            ServiceDeadlines.open(in: file, periods: ServicesTree.periods).filter { $0.name == "transcript-signature" }
                .map(\.owner) == ["pb"])

        // A corrected transcript is version 2 of the same hearing's transcript: the signature on version 1 stays
        // (bound to its hash), and both parties sign version 2.
        expectRefusal("same as version 1") {
            _ = try CaseActions.fileTranscript(
                try tree.file, hearing: "h1", heldOn: heldOn,
                transcript: ServicesTree.document("dtrans2", "庭审笔录", "审判长：现在开庭。", actor: tree.actor("court-1")),
                side: .court, by: tree.actor("court-1"))
        }
        try tree.run("court-1") { file, actor in
            try CaseActions.fileTranscript(
                file, hearing: "h1", heldOn: heldOn,
                transcript: ServicesTree.document("dtrans2", "庭审笔录", "审判长：现在开庭。原告：到庭。", actor: actor),
                side: .court, by: actor)
        }
        let corrected = try #require(try tree.file.hearing("h1"))
        #expect(
            corrected.transcript?.version == 2 && corrected.transcriptDocumentId == "dtrans2"
                && corrected.signatures.isEmpty)
        #expect(corrected.transcripts["1"]?.signatures["pa"] == signature, "the first version keeps its signature")
        #expect(
            ServiceDeadlines.open(in: try tree.file, periods: ServicesTree.periods).filter {
                $0.name == "transcript-signature"
            }.map(\.owner) == ["pa", "pb"])
        try tree.run { file, actor in
            try CaseActions.signTranscript(
                file, hearing: "h1", party: "pa", method: "sign", sign: Self.fakeSign, by: actor)
        }
        let resigned = try #require(try tree.file.hearing("h1")?.signatures["pa"])
        #expect(resigned.documentId == "dtrans2" && resigned.sha256 == corrected.transcriptSha256)
        #expect(
            !resigned.verify(
                caseUID: file.record.uid, hearingId: "h1", transcriptSha256: hearing.transcriptSha256!,
                isValid: Self.fakeVerify),
            "a signature of version 2 does not verify against version 1")
    }

    @Test func signedPayloadIsStableCanonicalJSON() throws {
        let signature = TranscriptSignature(
            partyId: "pa", name: "张三", maskedId: "370***********1233", documentId: "dtrans",
            sha256: String(repeating: "a", count: 64), method: "sign",
            signedAt: HybridTimestamp(milliseconds: 1_795_940_484_123), node: "firm-a")
        let payload = String(
            decoding: signature.payload(caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", hearingId: "h1"), as: UTF8.self)
        #expect(
            payload == """
                {
                  "case": "01kb5s2q3r4t5v6w7x8y9z0a1b",
                  "documentId": "dtrans",
                  "hearing": "h1",
                  "maskedId": "370***********1233",
                  "method": "sign",
                  "name": "张三",
                  "node": "firm-a",
                  "partyId": "pa",
                  "purpose": "docket.transcript-signature/1",
                  "sha256": "\(String(repeating: "a", count: 64))",
                  "signedAt": "2026-11-29T08:21:24.123Z-0000"
                }

                """)
        // The signature itself is not part of what is signed.
        var signed = signature
        signed.signature = "AAAA"
        #expect(signed.payload(caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", hearingId: "h1") == Array(payload.utf8))
    }
}
