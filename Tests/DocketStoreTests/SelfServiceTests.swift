import DocketCore
import DocketGit
import DocketStore
import Foundation
import Testing

/// Self-service filing at a terminal: the receipt's filing number and query code unlock the case before the court
/// has looked at it, and keep working after acceptance next to the court's own code.
struct SelfServiceTests {
    func input() throws -> FilingInput { try FilingInput.parse(Array(TestNode.filing.utf8), today: Node.today()) }

    @Test func theReceiptUnlocksTheFilingBeforeAndAfterAcceptance() throws {
        let t = try TestNode()
        let receipt = try t.node.fileSelfService(try input())
        let uid = receipt.file.record.uid
        #expect(receipt.filingNumber == FilingNumber.of(uid: uid))
        #expect(receipt.queryCode.count == 6 && receipt.queryCode.allSatisfy(\.isNumber))

        // Typed back the way people do: lower case, without the dash, O for 0 and l for 1.
        let sloppy = receipt.filingNumber.lowercased().replacingOccurrences(of: "-", with: " ")
            .replacingOccurrences(of: "0", with: "o").replacingOccurrences(of: "1", with: "l")
        #expect(try t.node.resolveCase(sloppy) == uid)
        let credentials = QueryCredentials(
            caseNumber: sloppy, idNumber: "370102198503121233", code: receipt.queryCode, source: "kiosk-1")
        let report = try t.node.query(credentials)
        #expect(report.uid == uid && report.status == "submitted" && report.caseNumber == nil)

        // The defendant got no code; a wrong code is the same refusal as an unknown case.
        let wrong = QueryCredentials(
            caseNumber: receipt.filingNumber, idNumber: "11010519491231002X", code: receipt.queryCode, source: "kiosk-1"
        )
        #expect(throws: DocketError.self) { _ = try t.node.query(wrong) }

        let accepted = try t.node.accept(uid)
        let byNumber = QueryCredentials(
            caseNumber: accepted.caseNumber, idNumber: "370102198503121233", code: receipt.queryCode, source: "kiosk-1")
        #expect(try t.node.query(byNumber).status == "accepted")
        let courtCode = accepted.parties.first { $0.role == "plaintiff" }!.queryCode
        #expect(
            try t.node.query(
                QueryCredentials(
                    caseNumber: accepted.caseNumber, idNumber: "370102198503121233",
                    code: courtCode, source: "kiosk-1")
            ).uid == uid)

        // Only the hash is in git, and the case still passes every check.
        let party = try t.node.caseFile(uid).parties.first { $0.role == .plaintiff }!
        #expect(party.filingCodeHash == Node.queryCodeHash(uid: uid, party: party.id, code: receipt.queryCode))
        let repo = try t.node.repository(uid)
        let tip = try #require(try repo.reference("refs/heads/main"))
        let blob = try #require(try repo.blob(at: "parties/\(party.id).json", inTree: try repo.commit(tip).tree))
        let partyBytes = try repo.readBlob(blob)
        #expect(!String(decoding: partyBytes, as: UTF8.self).contains(receipt.queryCode))
        #expect(try t.node.fsck().isEmpty)
    }

    @Test func filingNumbersForgiveCaseDashesAndLookalikes() {
        let uid = "01m8mb7ax9x6efrh54jj2ey15f"
        #expect(FilingNumber.of(uid: uid) == "54JJ2-EY15F")
        #expect(FilingNumber.uidSuffix("54jj2 ey15f") == "54jj2ey15f")
        #expect(FilingNumber.uidSuffix("54JJ2-EYl5F") == "54jj2ey15f")
        #expect(FilingNumber.uidSuffix("54JJ2-EY15") == nil)
        #expect(FilingNumber.uidSuffix("（2026）鲁0102民初1号") == nil)
        #expect(FilingNumber.uidSuffix("54JJ2-EY15U") == nil, "U is not in the alphabet")
    }
}
