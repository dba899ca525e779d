import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Add documents to a case's dossier and get them back.",
        subcommands: [Add.self, Get.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a file to a case's dossier.",
            discussion: """
                The file name is kept without any folder part; names with '/', '..' or control characters are refused, \
                and so are files over documents.maxBytes (default 100 MiB). A refused file changes nothing.

                On the court's node, and on the filer's while the filing is under review, the file joins the dossier \
                at once. Anything else a firm hands in is supplementary material that waits for the judge (待审核), \
                handed in for the party the firm represents (--party when it represents several).
                """
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid or its case number (案号).") var reference: String
        @Argument(help: "The file to add.") var file: String
        @Option(help: "A title for people (default: the file name).") var title: String?
        @Option(help: "Store it under this name instead of the file's own.") var name: String?
        @Option(help: "The party (id or exact name) the material is handed in for.") var party: String?

        struct Added: Encodable { var id: String, name: String, size: Int64, sha256: String, review: String? }

        func run() throws {
            let opened = try node.open()
            let uid = try opened.resolveCase(reference)
            let partyID = try party.map { try opened.party($0, in: try opened.caseFile(uid)).id }
            let meta = try opened.addDocument(
                uid, file: URL(fileURLWithPath: file), name: name, title: title, party: partyID)
            let added = Added(id: meta.id, name: meta.name, size: meta.size, sha256: meta.sha256, review: meta.review)
            if output.json {
                try printJSON(added)
            } else {
                print(
                    "Added \(meta.name) as \(meta.id) (\(meta.size) bytes)"
                        + "\(meta.review == "pending" ? ", waiting for the judge's review (待审核)" : "")"
                )
            }
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a document of a case to a file.")
        @OptionGroup var node: NodeOptions
        @Argument(help: "The case uid or its case number (案号).") var reference: String
        @Argument(help: "The document id (see `docket case show`).") var id: String
        @Option(name: .shortAndLong, help: "Where to write it (- for stdout).") var output: String

        func run() throws {
            let opened = try node.open()
            let (_, bytes) = try opened.document(try opened.resolveCase(reference), id: id)
            if output == "-" { FileHandle.standardOutput.write(Data(bytes)); return }
            guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
                throw DocketError(
                    .unavailable, key: "file.unwritable", zh: "无法写入\(output)。", en: "Cannot write \(output).")
            }
        }
    }
}
