import DocketCore
import Foundation
import Testing

@Suite struct JSONSchemaTests {
    static func schema(_ name: String) throws -> JSONSchema {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas/records/\(name).schema.json")
        return try JSONSchema(try JSONParser.parse(Array(try Data(contentsOf: url))))
    }

    @Test func recordsWrittenByDocketMatchTheirSchemas() throws {
        let (file, change) = try CaseActionsTests().filed()
        let schemas = try ["case", "party", "docket-entry"].map(Self.schema)
        for (_, bytes) in change.files {
            let value = try JSONParser.parse(bytes!)
            let schema = try #require(schemas.first { $0.recordName == value["schema"]?.stringValue })
            try schema.validate(value)
        }
        #expect(file.parties.count == 2)
    }

    @Test func schemaRefusesUnknownFieldsWrongTypesAndBadFormats() throws {
        let schema = try Self.schema("case")
        let (_, change) = try CaseActionsTests().filed()
        let good = try JSONParser.parse(change.files["case.json"]!!)
        var extra = good; extra["surprise"] = .int(1)
        var wrongType = good; wrongType["claimAmountFen"] = .string("150000")
        var badStatus = good; badStatus["status"] = .string("lost")
        var badClock = good; badClock["updatedAt"] = .string("yesterday")
        var missing = good; missing["title"] = nil
        for bad in [extra, wrongType, badStatus, badClock] {
            #expect(throws: DocketError.self) { try schema.validate(bad) }
        }
        #expect(throws: DocketError.self) { try schema.validate(missing) }
        try schema.validate(good)
    }

    @Test func marksCourtOwnedFields() throws {
        #expect(
            try Self.schema("case").courtOwnedFields == [
                "status", "caseNumber", "procedure", "acceptedOn", "judge", "clerk", "clerkPhone", "evidenceUntil",
                "trialExtensionMonths", "trialExcludedDays", "judgmentOn", "judgmentDocumentId", "judgmentInCourt",
            ])
    }
}
