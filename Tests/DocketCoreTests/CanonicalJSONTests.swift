import Foundation
import Testing

@testable import DocketCore

@Suite struct CanonicalJSONTests {
    @Test func writesSortedKeysOneFieldPerLineWithTrailingNewline() throws {
        let value: JSONValue = .object([
            "b": .int(2), "a": .array([.string("x"), .null]), "c": .object([:]), "d": .array([]),
        ])
        let text = String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
        #expect(
            text == """
                {
                  "a": [
                    "x",
                    null
                  ],
                  "b": 2,
                  "c": {},
                  "d": []
                }

                """)
    }

    @Test func sortsKeysByUTF8BytesAndKeepsChineseAsIs() throws {
        let value: JSONValue = .object(["原告": .string("张三"), "Z": .bool(true), "a": .bool(false)])
        let text = String(decoding: CanonicalJSON.encode(value), as: UTF8.self)
        #expect(text == "{\n  \"Z\": true,\n  \"a\": false,\n  \"原告\": \"张三\"\n}\n")
    }

    @Test func escapesOnlyWhatJSONRequires() {
        let text = String(decoding: CanonicalJSON.encode(.string("a\"b\\c\nd\u{1}/é")), as: UTF8.self)
        #expect(text == "\"a\\\"b\\\\c\\nd\\u0001/é\"\n")
    }

    @Test func roundTripIsByteStable() throws {
        let original =
            "{\"z\":[1,2,{\"k\":\"v\"}],\"a\":\"\\u5f20\\u4e09\",\"n\":null,\"t\":true,\"big\":-9223372036854775808}"
        let once = CanonicalJSON.encode(try JSONParser.parse(original))
        let twice = CanonicalJSON.encode(try JSONParser.parse(once))
        #expect(once == twice)
        #expect(String(decoding: once, as: UTF8.self).contains("\"a\": \"张三\""))
    }

    @Test func equalRecordsGiveEqualBytes() throws {
        let t = HybridTimestamp(milliseconds: 1_700_000_000_000, counter: 3)
        let a = CaseRecord(
            uid: "01hzzzzzzzzzzzzzzzzzzzzzzz", title: "张三诉李四", court: "鲁0102", caseType: "civil",
            cause: "民间借贷纠纷", claimAmountFen: 15_000_000, claims: "还款", status: .submitted,
            caseNumber: nil, filedAt: t, filedBy: "firm-a", updatedAt: t, updatedBy: "firm-a")
        let b = a
        #expect(try a.canonicalBytes() == b.canonicalBytes())
        let text = String(decoding: try a.canonicalBytes(), as: UTF8.self)
        #expect(text.contains("\"caseNumber\": null"))
        #expect(text.contains("\"claimAmountFen\": 15000000"))
        #expect(text.contains("\"schema\": \"docket.case/1\""))
        #expect(try CaseRecord.decode(a.canonicalBytes()) == a)
    }

    @Test(arguments: [
        ("{\"a\":1,\"a\":2}", "appears twice"),
        ("{\"amount\": 1.5}", "whole numbers"),
        ("{\"amount\": 1e3}", "whole numbers"),
        ("[1,]", "unexpected character"),
        ("{\"a\":1} x", "after the end"),
        ("\"unterminated", "unterminated"),
        ("01", "leading zeros"),
        ("99999999999999999999", "too large"),
        ("\"\\ud800\"", "surrogate"),
    ])
    func refusesWhatWouldMakeNodesDisagree(input: String, reason: String) {
        #expect {
            _ = try JSONParser.parse(input)
        } throws: { error in
            (error as? DocketError)?.message.contains(reason) == true
        }
    }

    @Test func refusesInvalidUTF8AndDeepNesting() {
        #expect(throws: DocketError.self) { _ = try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: DocketError.self) { _ = try JSONParser.parse(deep) }
    }
}

/// `CanonicalJSON.value(of:)` encodes straight into a `JSONValue`; it must give what Foundation's encoder and the
/// strict parser give (every record written in a debug build is also checked against that), and refuse what they
/// refuse.
@Suite struct JSONValueEncoderTests {
    struct Inner: Codable, Equatable { var name: String; var amountFen: Int64?; var tags: [String] }
    enum Kind: String, Codable { case civil, criminal }
    struct Outer: Codable, Equatable {
        var kind: Kind
        var inner: Inner
        var list: [Inner]
        var byId: [String: Inner]
        var nested: [[Int]]
        var maybe: String?
        var flag: Bool
        var small: UInt8
        var blob: Data
        var empty: [String: Int]
    }

    struct WithSuper: Encodable {
        func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: AnyKey.self)
            try keyed.encode("x", forKey: AnyKey("a"))
            try "inside".encode(to: keyed.superEncoder())
            var list = keyed.nestedUnkeyedContainer(forKey: AnyKey("list"))
            try list.encodeNil()
            var inner = list.nestedContainer(keyedBy: AnyKey.self)
            try inner.encode(Int32(-7), forKey: AnyKey("n"))
        }
    }
    struct AnyKey: CodingKey {
        var stringValue: String; var intValue: Int? { nil }
        init(_ s: String) { stringValue = s }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
    struct Nothing: Encodable { func encode(to encoder: any Encoder) throws {} }
    struct Wrapper<T: Encodable>: Encodable { let value: T }

    @Test func matchesFoundationsEncoderAndTheParser() throws {
        let inner = Inner(name: "张三 \"引号\" \\ /", amountFen: 15_000_000, tags: ["a", ""])
        let outer = Outer(
            kind: .criminal, inner: inner, list: [inner, Inner(name: "李四", amountFen: nil, tags: [])],
            byId: ["pb": inner, "pa": inner], nested: [[1, -2], []], maybe: nil, flag: true, small: 255,
            blob: Data([0, 1, 2, 250]), empty: [:])
        #expect(try JSONValueEncoder.value(of: outer) == CanonicalJSON.foundationValue(of: outer))
        #expect(try JSONValueEncoder.value(of: WithSuper()) == CanonicalJSON.foundationValue(of: WithSuper()))
        #expect(try JSONValueEncoder.value(of: Wrapper(value: Nothing())) == .object(["value": .object([:])]))
        #expect(
            try JSONValueEncoder.value(of: Wrapper(value: Nothing()))
                == CanonicalJSON.foundationValue(of: Wrapper(value: Nothing())))
        let t = HybridTimestamp(milliseconds: 1_700_000_000_000, counter: 3)
        let record = CaseRecord(
            uid: "01hzzzzzzzzzzzzzzzzzzzzzzz", title: "张三诉李四", court: "鲁0102", caseType: "civil",
            cause: "民间借贷纠纷", claimAmountFen: 15_000_000, claims: "还款", status: .submitted,
            caseNumber: nil, filedAt: t, filedBy: "firm-a", updatedAt: t, updatedBy: "firm-a")
        #expect(try JSONValueEncoder.value(of: record) == CanonicalJSON.foundationValue(of: record))
    }

    @Test func refusesFractionsAndIntegersBeyondInt64LikeTheParser() throws {
        #expect(throws: (any Error).self) { try JSONValueEncoder.value(of: Wrapper(value: 1.5)) }
        #expect(throws: (any Error).self) { try CanonicalJSON.foundationValue(of: Wrapper(value: 1.5)) }
        #expect(throws: (any Error).self) { try JSONValueEncoder.value(of: Wrapper(value: UInt64.max)) }
        #expect(throws: (any Error).self) { try CanonicalJSON.foundationValue(of: Wrapper(value: UInt64.max)) }
        #expect(
            try JSONValueEncoder.value(of: Wrapper(value: UInt64(Int64.max))) == .object(["value": .int(Int64.max)]))
    }
}
