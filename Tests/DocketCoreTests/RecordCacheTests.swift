import Testing

@testable import DocketCore

/// Parsing a case again after a change parses only the files that changed, and gives what a full parse gives.
@Suite struct RecordCacheTests {
    @Test func aSecondParseReusesUnchangedFilesAndEqualsAFullParse() throws {
        let (_, change) = try CaseActionsTests().filed()
        var files = change.files.compactMapValues { $0 }
        let cache = RecordCache()
        let before = try CaseFile(files: files, cache: cache)
        let later = Actor(node: "court-1", name: "clerk", time: HybridTimestamp(milliseconds: 1_795_940_500_000))
        let edit = try CaseActions.edit(before, set: [("claims", "判令被告偿还借款本金")], by: later)
        for (path, bytes) in edit.files { files[path] = bytes }
        let after = try CaseFile(files: files, cache: cache)
        #expect(after == (try CaseFile(files: files)))
        #expect(after.record.claims == "判令被告偿还借款本金")
        #expect(after.timeline.count == 2)
        // The parties did not change: they are the very records parsed the first time.
        let party: PartyRecord? = cache.record(at: "parties/pa.json", bytes: files["parties/pa.json"]!)
        #expect(party == before.parties.first { $0.id == "pa" })
    }

    @Test func changedBytesAreParsedAgainAndTheirErrorsStillShow() throws {
        let (_, change) = try CaseActionsTests().filed()
        var files = change.files.compactMapValues { $0 }
        let cache = RecordCache()
        _ = try CaseFile(files: files, cache: cache)
        files["parties/pa.json"] = Array("{\"schema\": \"docket.party/1\", \"id\": 1}\n".utf8)
        #expect(throws: DocketError.self) { try CaseFile(files: files, cache: cache) }
        let stale: PartyRecord? = cache.record(at: "parties/pa.json", bytes: files["parties/pa.json"]!)
        #expect(stale == nil)
    }
}
