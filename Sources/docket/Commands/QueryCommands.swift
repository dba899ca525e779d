import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// The credentials a party gives: case number, ID number, query code.
struct PartyCredentials: ParsableArguments {
    @Option(name: .customLong("case"), help: "The case number (案号).") var caseNumber: String
    @Option(name: .customLong("id"), help: "Your ID number (身份证件号码).") var idNumber: String
    @Option(name: .customLong("code"), help: "Your 6-digit query code (诉讼服务密码).") var code: String
    @Option(help: "Where the request comes from (terminal id), for rate limiting.") var source: String?

    var credentials: QueryCredentials {
        QueryCredentials(
            caseNumber: caseNumber, idNumber: idNumber, code: code,
            source: source ?? "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "unknown")")
    }
}

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "A party's progress query (12368): status, deadlines, contacts, fees, service, timeline.",
        discussion: """
            ID numbers are shown masked. Wrong details give the same answer as an unknown case. Five failures for \
            one case at one terminal (or user) wait 15 minutes there — other visitors and cases are not \
            affected; twenty for one case from anywhere, or thirty from one terminal across cases, lock that \
            case or terminal. An administrator lists them with `docket query lockouts` and lifts them with \
            `docket query unlock`.
            """,
        subcommands: [Ask.self, Lockouts.self, Unlock.self],
        defaultSubcommand: Ask.self
    )

    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ask", abstract: "Query a case with the party's details (the default).")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @OptionGroup var party: PartyCredentials

        func run() throws {
            let report = try node.open().query(party.credentials)
            if output.json { try printJSON(report); return }
            print("\(report.caseNumber ?? "（未立案）")  \(report.title)")
            print(
                "状态 status: \(report.status)   承办法官: \(report.judge ?? "—")   "
                    + "书记员: \(report.clerk ?? "—") \(report.clerkPhone ?? "")"
            )
            print(
                "诉讼费: \(report.fees.status)（应缴 \(Fen(report.fees.assessedFen).yuanString)，"
                    + "已缴 \(Fen(report.fees.paidFen).yuanString)）"
            )
            for d in report.deadlines {
                print("期限: \(d.name) "
                    + "\(d.lastDay)\(d.overdue ? "（已逾期）" : "")\(d.provisional != nil ? "（暂定）" : "")")
            }
            for s in report.served {
                print(
                    "送达: \(s.document) \(s.channel) "
                        + "\(s.servedAt.map { "已送达 " + (UTCTime.beijingChinese(iso: $0) ?? $0) } ?? "未送达")"
                )
            }
            for e in report.timeline { print("  \(e.at)（北京时间）  \(e.summary)") }
        }
    }

    struct Lockouts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Query lockouts in force: which case, which terminal, until when.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag

        func run() throws {
            let list = try node.open().queryLockouts()
            if output.json { return try printJSON(list) }
            if list.isEmpty { print("没有被锁定的查询。No query is locked out."); return }
            for l in list {
                let what: String
                switch l.scope {
                case .caseAtSource: what = "案件 \(l.caseKey ?? "") 在 \(l.source ?? "")"
                case .case: what = "案件 \(l.caseKey ?? "")（所有终端）"
                case .source: what = "终端 \(l.source ?? "")（所有案件）"
                }
                print("\(what)  \(l.failures) 次错误 failures  锁定至 until \(l.until)")
            }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Lift a query lockout: of a case (--case), of a terminal or user (--source), "
                + "or of a case at one terminal (both)."
        )
        @OptionGroup var node: NodeOptions
        @Option(name: .customLong("case"), help: "The case number (案号) or filing number.") var caseNumber: String?
        @Option(help: "The terminal id or user.") var source: String?

        func run() throws {
            let lifted = try node.open().liftQueryLockout(caseNumber: caseNumber, source: source)
            print(
                lifted == 0 ? "没有需要解除的锁定。Nothing was locked." : "已解除锁定。Lifted (\(lifted) recorded "
                    + "failures forgotten).")
        }
    }
}

struct DossierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Electronic dossier review (网上阅卷) for parties, material review and export for the court.",
        subcommands: [List.self, Get.self, Submit.self, Approve.self, Refuse.self, Export.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The documents of your case.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @OptionGroup var party: PartyCredentials

        func run() throws {
            let docs = try node.open().dossier(party.credentials)
            if output.json {
                try printJSON(
                    docs.map {
                        [
                            "id": $0.id, "title": $0.title, "name": $0.name, "size": String($0.size),
                            "review": $0.review ?? "in-dossier",
                        ]
                    })
                return
            }
            for d in docs {
                print("\(d.id)  \(d.title)  (\(d.name), \(d.size) bytes)\(d.review == "pending" ? "  待审核" : "")")
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Read one document of your case.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var party: PartyCredentials
        @Argument(help: "The document id.") var id: String
        @Option(name: .shortAndLong, help: "Where to write it (- for stdout).") var output: String

        func run() throws {
            let (_, bytes) = try node.open().dossierDocument(party.credentials, id: id)
            if output == "-" { FileHandle.standardOutput.write(Data(bytes)); return }
            guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
                throw DocketError(
                    .unavailable, key: "file.unwritable", zh: "无法写入\(output)。", en: "Cannot write \(output).")
            }
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand in supplementary material; it joins the dossier once the judge approves.")
        @OptionGroup var node: NodeOptions
        @OptionGroup var party: PartyCredentials
        @Argument(help: "The file.") var file: String
        @Option(help: "A title for it.") var title: String?

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw DocketError(.notFound, key: "file.unreadable", zh: "无法读取\(file)。", en: "Cannot read \(file).")
            }
            let meta = try node.open().submitMaterial(
                party.credentials, name: URL(fileURLWithPath: file).lastPathComponent, title: title, bytes: Array(data))
            print("Submitted as \(meta.id); it waits for the judge's approval.")
        }
    }

    /// The case and document a material review names.
    struct MaterialArguments: ParsableArguments {
        @OptionGroup var node: NodeOptions
        @Argument(help: "The case uid or number.") var reference: String
        @Argument(help: "The document id.") var id: String

        func review(approve: Bool) throws {
            let opened = try node.open()
            _ = try opened.reviewMaterial(try opened.resolveCase(reference), documentId: id, approve: approve)
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Let supplementary material into the dossier (court).")
        @OptionGroup var material: MaterialArguments
        func run() throws { try material.review(approve: true) }
    }

    struct Refuse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refuse supplementary material (court).")
        @OptionGroup var material: MaterialArguments
        func run() throws { try material.review(approve: false) }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the dossier as a ZIP with an index.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The case uid or number.") var reference: String
        @Option(name: .shortAndLong, help: "The ZIP file to write.") var output: String

        func run() throws {
            let opened = try node.open()
            let count = try opened.exportDossier(try opened.resolveCase(reference), to: URL(fileURLWithPath: output))
            print("Wrote \(count) documents and index.txt to \(output).")
        }
    }
}
