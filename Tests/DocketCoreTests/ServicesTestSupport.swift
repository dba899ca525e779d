import Foundation
import Testing

@testable import DocketCore

/// A case tree that changes are applied to, rebuilt into a `CaseFile` after each step, and every written record
/// checked against its JSON Schema.
final class ServicesTree {
    /// A reference, so `actor()` does not mutate the tree (it is read in the same expression as `file`).
    final class Clock: @unchecked Sendable { var milliseconds: Int64 = 0 }
    var files: [String: [UInt8]]
    let clock = Clock()
    static let schemas: [String: JSONSchema] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Schemas/records")
        var out: [String: JSONSchema] = [:]
        for name in try! FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasSuffix(".schema.json") {
            let schema = try! JSONSchema(
                try! JSONParser.parse(Array(try! Data(contentsOf: folder.appendingPathComponent(name)))))
            out[schema.recordName!] = schema
        }
        return out
    }()

    /// A civil case (张三 pa v 李四 pb) filed at 2026-11-29T08:21:24.123Z, or of another case type.
    init(caseType: String = "civil", startMilliseconds: Int64 = 1_795_940_484_123) throws {
        let (_, change) = try CaseActionsTests().filed()
        files = change.files.compactMapValues { $0 }
        clock.milliseconds = startMilliseconds
        var record = try CaseRecord.decode(files["case.json"]!)
        record.caseType = caseType
        files["case.json"] = try record.canonicalBytes()
    }

    var file: CaseFile { get throws { try CaseFile(files: files.filter { CaseFile.isRecordPath($0.key) }) } }

    /// An actor one second after the previous one.
    func actor(_ node: String = "firm-a") -> Actor {
        clock.milliseconds += 1000
        return Actor(
            node: node, name: node == "court-1" ? "clerk" : "wang",
            time: HybridTimestamp(milliseconds: clock.milliseconds))
    }

    /// Sets the clock to an instant (milliseconds since 1970).
    func at(_ milliseconds: Int64) { clock.milliseconds = milliseconds - 1000 }

    /// Runs a step and applies its change, validating every record it writes.
    @discardableResult
    func run(_ node: String = "firm-a", _ step: (CaseFile, Actor) throws -> CaseChange) throws -> CaseChange {
        let change = try step(try file, actor(node))
        for (path, bytes) in change.files {
            guard let bytes else { files[path] = nil; continue }
            files[path] = bytes
            guard path.hasSuffix(".json") else { continue }
            let value = try JSONParser.parse(bytes)
            let schema = try #require(Self.schemas[value["schema"]?.stringValue ?? ""], "no schema for \(path)")
            try schema.validate(value)
        }
        return change
    }

    /// A document for the dossier.
    static func document(_ id: String, _ title: String, _ text: String, actor: Actor) -> CaseActions.AttachedDocument {
        let bytes = Array(text.utf8)
        let meta = DocumentMeta(
            id: id, name: "\(id).txt", title: title, size: Int64(bytes.count),
            sha256: TranscriptSignature.sha256Hex(bytes), mediaType: "text/plain",
            addedAt: actor.time, addedBy: actor.node)
        return (meta, bytes)
    }

    static let periods = PeriodCalculator(calendar: HolidayCalendarTests.shipped)
}

/// Runs `body`, expecting a `DocketError` whose message contains `text`.
func expectRefusal(_ text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a refusal mentioning \"\(text)\"", sourceLocation: sourceLocation)
    } catch let error as DocketError {
        #expect(error.message.contains(text), "\(error.message)", sourceLocation: sourceLocation)
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
