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
            """
        )
        @OptionGroup var node: NodeOptions
        @OptionGroup var output: JSONFlag
        @Argument(help: "The case uid or its case number (案号).") var reference: String
        @Argument(help: "The file to add.") var file: String
        @Option(help: "A title for people (default: the file name).") var title: String?
        @Option(help: "Store it under this name instead of the file's own.") var name: String?

        struct Added: Encodable { var id: String, name: String, size: Int64, sha256: String }

        func run() throws {
            let opened = try node.open()
            let uid = try opened.resolveCase(reference)
            let meta = try opened.addDocument(uid, file: URL(fileURLWithPath: file), name: name, title: title)
            let added = Added(id: meta.id, name: meta.name, size: meta.size, sha256: meta.sha256)
            if output.json { try printJSON(added) } else { print("Added \(meta.name) as \(meta.id) (\(meta.size) bytes)") }
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
                throw DocketError("Cannot write \(output).")
            }
        }
    }
}
