import ArgumentParser
import DocketCore
import DocketStore
import DocketSync
import Foundation

struct ConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts",
        abstract: "Merge conflicts for administrators: list, show, resolve.",
        discussion: """
            When two nodes change the same field differently, the merge keeps one value provisionally (the court's on \
            court-owned fields, otherwise the later change, then the greater node id) and records the other in the \
            case, so every node shows the same open conflicts. Resolving is an ordinary signed commit that replicates \
            and closes the conflict everywhere.
            """,
        subcommands: [List.self, Show.self, Resolve.self]
    )

    struct View: Encodable {
        struct Value: Encodable { var node: String, value: JSONValue, updatedAt: String }
        var id: String, `case`: String, path: String, field: String, values: [Value], winner: String, openedAt: String
        var status: String, needsReview: Bool

        init(_ c: ConflictRecord) {
            id = c.id; `case` = c.caseUID; path = c.path; field = c.field; winner = c.winner;
            openedAt = c.openedAt.description
            values = c.values.map { Value(node: $0.node, value: $0.value, updatedAt: $0.updatedAt.description) }
            status = c.status.rawValue; needsReview = c.needsReview
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open conflicts, oldest first.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Option(name: .customLong("case"), help: "Only this case (uid or number).") var reference: String?
        @Flag(help: "Include resolved conflicts.") var all = false

        func run() throws {
            let opened = try node.open()
            let conflicts = try opened.conflicts(case: try reference.map(opened.resolveCase), includeResolved: all)
            if output.json { try printJSON(conflicts.map(View.init)); return }
            if conflicts.isEmpty { print("No open conflicts."); return }
            for c in conflicts {
                print(
                    "\(c.id)  \(c.caseUID)  \(c.path) \(c.field)  kept \(c.winner)"
                        + "\(c.needsReview ? "  (needs review)" : "")"
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One conflict in plain words: each side and the current value.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The conflict id.") var id: String

        func run() throws {
            let opened = try node.open()
            let c = try opened.conflict(id)
            let current = try opened.currentValue(of: c)
            if output.json {
                try printJSON(["conflict": AnyEncodable(View(c)), "current": AnyEncodable(current)]); return
            }
            print(
                "Case \(c.caseUID), \(c.path), field \(c.field): \(c.status == .open ? "open" : "resolved") "
                    + "since \(UTCTime.displayWithZone(c.openedAt.date))"
            )
            for v in c.values {
                print(
                    "  \(v.node) set \(inline(v.value)) (\(UTCTime.displayWithZone(v.updatedAt.date)))"
                        + "\(v.node == c.winner ? "  ← kept for now" : "")"
                )
            }
            print("  current value: \(inline(current))")
            if let r = c.resolution {
                print("  resolved by \(r.by): \(inline(r.value))\(r.note.map { " — " + $0 } ?? "")")
            }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Decide a conflict: one side's value or a value of your own.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The conflict id.") var id: String
        @Option(help: "Keep this node's value.") var choose: String?
        @Option(
            help: """
                Set this value instead: plain text (张伟), or JSON for numbers, true/false, null and objects \
                (150000, '\"150000\"').
                """
        ) var value: String?
        @Option(help: "Why, for the record.") var note: String?

        func run() throws {
            guard (choose != nil) != (value != nil) else {
                throw DocketError(
                    .invalidInput, key: "conflict.one-choice-required",
                    zh: "请在 --choose <node-id> 和 --value JSON 中恰好指定一项。",
                    en: "Give exactly one of --choose <node-id> or --value JSON.")
            }
            // Plain text is taken as text; what parses as JSON (a number, true, null, a quoted string, an object) as
            // JSON.
            let parsed = value.map { text in (try? JSONParser.parse(Array(text.utf8))) ?? .string(text) }
            let resolved = try node.open().resolveConflict(id, choose: choose, value: parsed, note: note)
            print(
                "已解决 Resolved \(resolved.id): \(resolved.path) \(resolved.field) = "
                    + "\(resolved.resolution.map { inline($0.value) } ?? "—")."
            )
        }
    }
}

private func inline(_ value: JSONValue) -> String {
    String(decoding: CanonicalJSON.encode(value), as: UTF8.self).split(separator: "\n").map {
        $0.trimmingCharacters(in: .whitespaces)
    }.joined(separator: " ")
}

/// Type-erases an Encodable for mixed JSON objects.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void
    init(_ value: some Encodable) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}
