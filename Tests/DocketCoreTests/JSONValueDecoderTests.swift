import Foundation
import Testing

@testable import DocketCore

/// `JSONValueDecoder` decodes what `JSONDecoder` decodes from the same JSON, from the value `JSONParser` made; a
/// record it cannot decode fails with the error `JSONDecoder` gives (debug builds also decode every record of every
/// other test both ways and assert they agree).
@Suite struct JSONValueDecoderTests {
    enum Colour: String, Codable, Equatable { case red, green }

    struct Inner: Codable, Equatable {
        var n: Int
        var tags: [String]
    }

    struct Sample: Codable, Equatable {
        var text: String
        var big: Int64
        var small: Int8
        var flag: Bool
        var ratio: Double
        var missing: String?
        var null: Int?
        var colour: Colour
        var inner: Inner
        var list: [Inner]
        var matrix: [[Int]]
        var map: [String: Int]
        var optionals: [Int?]
    }

    static let json = """
        {"text": "张三 \\"引号\\"", "big": 9007199254740993, "small": -5, "flag": true, "ratio": 3, "null": null,
         "colour": "green", "inner": {"n": 1, "tags": ["a", "b"], "ignored": {"x": [1]}},
         "list": [{"n": 2, "tags": []}], "matrix": [[1, 2], []], "map": {"甲": 1, "b": 2}, "optionals": [1, null]}
        """

    @Test func decodesWhatJSONDecoderDecodes() throws {
        let bytes = Array(Self.json.utf8)
        let ours = try JSONValueDecoder.decode(Sample.self, from: try JSONParser.parse(bytes))
        let foundation = try JSONDecoder().decode(Sample.self, from: Data(bytes))
        #expect(ours == foundation)
        #expect(ours.big == 9_007_199_254_740_993 && ours.missing == nil && ours.null == nil)
        #expect(ours.optionals == [1, nil] && ours.map == ["甲": 1, "b": 2])
    }

    @Test func refusesWhatJSONDecoderRefuses() throws {
        for (field, value) in [
            ("small", "300"), ("small", "\"1\""), ("flag", "1"), ("text", "null"), ("colour", "\"blue\""),
            ("inner", "[]"), ("list", "{}"), ("big", "true"),
        ] {
            let json = Self.json.replacingOccurrences(
                of: "\"\(field)\": ", with: "\"\(field)\": \(value), \"was-\(field)\": ")
            let bytes = Array(json.utf8)
            #expect(throws: (any Error).self, "\(field): \(value)") {
                _ = try JSONDecoder().decode(Sample.self, from: Data(bytes))
            }
            #expect(throws: (any Error).self, "\(field): \(value)") {
                _ = try JSONValueDecoder.decode(Sample.self, from: try JSONParser.parse(bytes))
            }
        }
        var members = try #require(try JSONParser.parse(Array(Self.json.utf8)).objectValue)
        members["inner"] = .object(["tags": .array([])])
        #expect(throws: DecodingError.self) { _ = try JSONValueDecoder.decode(Sample.self, from: .object(members)) }
    }

    @Test func aRecordThatDoesNotDecodeFailsWithJSONDecodersError() throws {
        let party = PartyRecord(
            id: "p1", role: .plaintiff, name: "张三", idNumber: nil, idKind: nil, phone: "13800000000", email: nil,
            representative: Representative(name: "王立新", firm: "firm-qilu"),
            updatedAt: HybridTimestamp(milliseconds: 1_800_000_000_000), updatedBy: "court-lixia")
        var value = try party.jsonValue()
        #expect(try PartyRecord.decode(party.canonicalBytes()).name == "张三")
        value["name"] = .int(7)
        let bytes = CanonicalJSON.encode(value)
        let error = try #require(throws: DocketError.self) { _ = try PartyRecord.decode(bytes) }
        #expect(error.key == "record.schema-mismatch")
        let foundation = try #require(throws: (any Error).self) {
            _ = try JSONDecoder().decode(PartyRecord.self, from: Data(bytes))
        }
        #expect(error.englishMessage.contains(foundation.englishMessage), "\(error.englishMessage)")
    }
}
