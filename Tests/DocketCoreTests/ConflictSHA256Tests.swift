import Foundation
import Testing

@testable import DocketCore

@Suite struct ConflictSHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(
                Array(
                    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                        + "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")
                        .utf8))
                == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        #expect(
            SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func paddingBoundariesMatchIncrementalUpdates() {
        // 55, 56, 63, 64 and 65 bytes straddle the one-or-two padding blocks decision.
        for count in [55, 56, 57, 63, 64, 65, 119, 120, 128] {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var hasher = SHA256()
            hasher.update(bytes.prefix(count / 3))
            hasher.update(bytes.dropFirst(count / 3))
            #expect(hasher.finalize() == SHA256.hash(bytes), "\(count) bytes")
        }
        #expect(
            SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 64))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func conflictIDIsDerivedFromCasePathFieldAndBothValuesInAnyOrder() {
        let one = ConflictRecord.id(
            caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", path: "case.json", field: "title",
            values: [.string("A"), .string("B")])
        let two = ConflictRecord.id(
            caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", path: "case.json", field: "title",
            values: [.string("B"), .string("A")])
        #expect(one == two)
        #expect(one.count == 17 && one.hasPrefix("c") && one.dropFirst().allSatisfy { "0123456789abcdef".contains($0) })
        #expect(
            one
                != ConflictRecord.id(
                    caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", path: "case.json", field: "cause",
                    values: [.string("A"), .string("B")]))
        #expect(
            one
                != ConflictRecord.id(
                    caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", path: "case.json", field: "title",
                    values: [.string("A"), .string("C")]))
    }

    @Test func conflictRecordRoundTripsAnyJSONValueAndMatchesItsSchema() throws {
        let t = HybridTimestamp(milliseconds: 1_795_940_484_123, counter: 2)
        let nested: JSONValue = .object([
            "b": .bool(true), "i": .int(1), "n": .null, "a": .array([.int(-3), .string("x")]),
        ])
        var record = ConflictRecord(
            id: "c0123456789abcdef", caseUID: "01kb5s2q3r4t5v6w7x8y9z0a1b", path: "parties/pa.json",
            field: "representative",
            values: [
                .init(node: "court-1", value: nested, updatedAt: t),
                .init(node: "firm-a", value: .null, updatedAt: t),
            ],
            winner: "court-1", needsReview: true, openedAt: t, updatedAt: t, updatedBy: "court-1")
        let open = try record.canonicalBytes()
        #expect(try ConflictRecord.decode(open) == record)
        #expect(String(decoding: open, as: UTF8.self).contains("\"resolution\": null"))
        record.status = .resolved
        record.resolution = .init(by: "court-1", value: .bool(true), note: nil, at: t)
        let resolved = try record.canonicalBytes()
        #expect(try ConflictRecord.decode(resolved) == record)
        #expect(String(decoding: resolved, as: UTF8.self).contains("\"note\": null"))
        let schema = try Self.schema("conflict")
        try schema.validate(try JSONParser.parse(open))
        try schema.validate(try JSONParser.parse(resolved))
        #expect(schema.recordName == ConflictRecord.schema)
    }

    static func schema(_ name: String) throws -> JSONSchema {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas/records/\(name).schema.json")
        return try JSONSchema(try JSONParser.parse(Array(try Data(contentsOf: url))))
    }
}
