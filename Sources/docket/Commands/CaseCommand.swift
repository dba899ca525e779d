import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "File, show, list, edit cases and read their history.",
        subcommands: [
            New.self, Show.self, List.self, History.self, Edit.self, Evidence.self, TrialLimit.self, Judgment.self,
        ]
    )

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "File a new case from a filing document (JSON).",
            discussion: """
                The filing document looks like:
                  {"title": "…", "court": "鲁0102", "caseType": "civil", "cause": "民间借贷纠纷",
                   "claimAmount": "150000.00", "claims": "…",
                   "parties": [{"role": "plaintiff", "name": "张三", "idNumber": "…", "phone": "…", "email": "…",
                                "representative": "李律师"}, {"role": "defendant", …}]}
                Amounts are yuan written as text with at most two decimals. ID numbers, mobile numbers and e-mail \
                addresses are checked; the case starts as `submitted`, waiting for the court's review (at most 7 days).
                """
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Option(name: .customLong("from"), help: "The filing document (JSON file, or - for stdin).") var from: String
        @Flag(
            name: .customLong("allow-duplicate"),
            help: "File it even though this node already filed the same case (same court, parties, cause and claim).")
        var allowDuplicate = false

        func run() throws {
            let bytes: Data
            if from == "-" {
                bytes = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let data = FileManager.default.contents(atPath: from) else {
                    throw DocketError(.notFound, key: "file.unreadable", zh: "无法读取\(from)。", en: "Cannot read "
                        + "\(from).")
                }
                bytes = data
            }
            guard bytes.count <= 1 << 20 else {
                throw DocketError(
                    .invalidInput, key: "filing.document-too-large", zh: "立案材料超过1 MiB。",
                    en: "The filing document is larger than 1 MiB.")
            }
            let opened = try node.open()
            let input = try FilingInput.parse(Array(bytes), today: Node.today())
            if !allowDuplicate, let earlier = try opened.duplicates(of: input).first {
                throw DocketError(
                    .conflict, key: "filing.duplicate",
                    zh:
                        "本节点已于\(String(earlier.filedAt.prefix(10)))提交过相同的立案申请："
                        + "\(earlier.caseNumber ?? FilingNumber.of(uid: earlier.uid))（\(earlier.status)），"
                        + "\(earlier.title)。请勿重复立案；可撤回该申请（docket filing withdraw），或使用 --allow-duplicate 仍然提交。",
                    en:
                        "This node already filed the same case on \(String(earlier.filedAt.prefix(10))): "
                        + "\(earlier.caseNumber ?? FilingNumber.of(uid: earlier.uid)) (\(earlier.status)), "
                        + "\(earlier.title). Withdraw it (docket filing withdraw) or file anyway with "
                        + "--allow-duplicate."
                )
            }
            let file = try opened.fileCase(input)
            try CaseView(file, node: opened).print(json: output.json)
            if opened.config.role != .court,
                try !opened.peers.all().contains(where: { $0.url != nil && $0.courtCode == input.court })
            {
                FileHandle.standardError.write(
                    Data(
                        ("注意 Note: no peer of this node serves court \(input.court); the filing waits here until one "
                            + "is added (docket peer add … --court-code \(input.court)) "
                            + "and synced. 尚未连接该法院，立案申请暂存本节点。\n")
                            .utf8))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case: record, parties, documents, timeline.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid or its case number (案号).") var reference: String

        func run() throws {
            let opened = try node.open()
            try CaseView(try opened.caseFile(try opened.resolveCase(reference)), node: opened).print(json: output.json)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List cases, newest filing first.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Option(help: "Only cases with this status (submitted, accepted, rejected, …).") var status: String?

        func run() throws {
            if let status, CaseStatus(rawValue: status) == nil {
                throw DocketError(
                    .invalidInput, key: "case.status-unknown",
                    zh: "未知的状态\(status)；可用状态："
                        + "\(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))。",
                    en:
                        "Unknown status \(status); use one of: "
                        + "\(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            try printSummaries(try node.open().listCases(status: status), json: output.json)
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a case's commits: who, when, what changed.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid or its case number (案号).") var reference: String

        func run() throws {
            let opened = try node.open()
            let entries = try opened.history(try opened.resolveCase(reference))
            if output.json { try printJSON(entries); return }
            for entry in entries {
                Swift.print(
                    "\(entry.commit.prefix(12))  \(UTCTime.displayWithZone(isoDate(entry.time)))  "
                        + "\(entry.author)@\(entry.node)\(entry.signed ? "" : "  UNSIGNED")"
                )
                Swift.print("    \(entry.message)")
                for change in entry.changes { Swift.print("      \(change)") }
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change fields of a case or of one of its parties (one commit).",
            discussion: """
                Case fields: \(CaseFields.editable.joined(separator: ", ")).
                Party fields (with --party ID): \(PartyFields.editable.joined(separator: ", ")).
                Status and case number are moved only by the court's own steps. An empty value clears an optional field.
                Example: docket case edit 01j… --party pabc123 --set phone=13800138000
                """
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid or its case number (案号).") var reference: String
        @Option(help: "Edit this party (party id or exact name) instead of the case record.") var party: String?
        @Option(
            name: .customLong("set"),
            help: ArgumentHelp("A change, field=value; repeat for more.", valueName: "field=value"))
        var assignments: [String] = []

        func run() throws {
            guard !assignments.isEmpty else {
                throw DocketError(
                    .invalidInput, key: "case.set-required", zh: "请用 --set field=value 指明要修改的内容。",
                    en: "Say what to change with --set field=value.")
            }
            let pairs = try assignments.map { text -> (String, String) in
                guard let eq = text.firstIndex(of: "=") else {
                    throw DocketError(
                        .invalidInput, key: "case.set-format", zh: "“\(text)”不是 field=value 格式。",
                        en: "\"\(text)\" is not field=value.")
                }
                return (
                    String(text[..<eq]).trimmingCharacters(in: .whitespaces), String(text[text.index(after: eq)...])
                )
            }
            let opened = try node.open()
            let uid = try opened.resolveCase(reference)
            let today = Node.today()
            try opened.updateCase(uid) { file, actor in
                if let party {
                    return try CaseActions.editParty(
                        file, party: try opened.party(party, in: file).id, set: pairs, today: today, by: actor)
                }
                return try CaseActions.edit(file, set: pairs, by: actor)
            }
            try CaseView(try opened.caseFile(uid), node: opened).print(json: output.json)
        }
    }
}

/// Prints a case listing as JSON or as aligned lines.
func printSummaries(_ cases: [CaseSummary], json: Bool) throws {
    if json { try printJSON(cases); return }
    if cases.isEmpty { print("No cases."); return }
    for c in cases {
        let amount = c.claimAmountFen.map { " ¥" + Fen($0).yuanString } ?? ""
        print(
            "\(c.uid)  \(c.status.padding(toLength: 20, withPad: " ", startingAt: 0)) "
                + "\(c.caseNumber ?? "-")  \(c.title)\(amount)"
        )
    }
}

func isoDate(_ text: String) -> Date {
    Date(timeIntervalSince1970: Double(UTCTime.milliseconds(parsingISO: text) ?? 0) / 1000)
}
