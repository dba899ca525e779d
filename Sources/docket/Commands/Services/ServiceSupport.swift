import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// What the service commands share: reading an attached file, and printing one request or hearing.
enum ServiceSupport {
    /// The bytes and file name of `path`, or an error naming it.
    static func file(_ path: String) throws -> (name: String, bytes: [UInt8]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DocketError(.notFound, key: "file.unreadable", zh: "无法读取\(path)。", en: "Cannot read \(path).")
        }
        return (URL(fileURLWithPath: path).lastPathComponent, Array(data))
    }

    /// Prints a service request: JSON, or one line a clerk can read.
    static func show(_ filing: FilingRecord?, json: Bool) throws {
        guard let filing else {
            throw DocketError(
                .internal, key: "cli.request-not-written", zh: "申请未能写入。", en: "The request was not written.")
        }
        if json { return try printJSON(filing) }
        let court =
            filing.court.isEmpty
            ? ""
            : "  court: "
                + filing.court.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        print("\(filing.id)  \(filing.kind.chinese) (\(filing.kind.rawValue))  \(filing.state.rawValue)\(court)")
    }

    /// Prints a hearing: JSON, or one line.
    static func show(_ hearing: HearingRecord?, json: Bool) throws {
        guard let hearing else {
            throw DocketError(
                .internal, key: "cli.hearing-not-written", zh: "庭审记录未能写入。", en: "The hearing was not written.")
        }
        if json { return try printJSON(hearing) }
        let signers = hearing.signatures.keys.sorted().joined(separator: ", ")
        print(
            "\(hearing.id)  \(hearing.mode.chinese) \(hearing.startsAt)  \(hearing.state.rawValue)  "
                + "signed by \(signers.isEmpty ? "nobody yet" : signers)"
        )
    }

    /// A date and time typed by a person ("2026-12-08 09:30"), Asia/Shanghai.
    static func dateTime(_ text: String) throws -> LocalDateTime { try LocalDateTime(parsing: text) }
}

/// The arguments every service step takes: the node, --json, and the case.
struct ServiceTarget: ParsableArguments {
    @OptionGroup var node: NodeOptions
    @OptionGroup var output: JSONFlag
    @Argument(help: "The case (uid, 案号 or filing number).") var reference: String
}

extension ServiceSupport {
    /// Runs one step of a service request on the target case (one commit) and prints the request. `id` names an
    /// existing request; nil makes a new id for a new one.
    static func step(
        _ target: ServiceTarget, id: String?, _ body: (Node, CaseFile, Actor, ActingSide, String) throws -> CaseChange
    ) throws {
        let node = try target.node.open()
        let filingID = id ?? node.newRecordID("f")
        let file = try node.serviceStep(try node.resolveCase(target.reference)) { file, actor, side in
            try body(node, file, actor, side, filingID)
        }
        try show(file.filing(filingID), json: target.output.json)
    }
}

extension ServiceSupport {
    /// A court document for a step: the file given with --file, or a short text document written from `lines`.
    static func document(
        _ node: Node, file path: String?, title: String, lines: [String], actor: Actor
    ) throws -> CaseActions.AttachedDocument {
        if let path {
            let (name, bytes) = try ServiceSupport.file(path)
            return try node.attachment(name: name, title: title, bytes: bytes, actor: actor)
        }
        let text =
            ([node.config.name, title, ""] + lines + ["", node.config.name, Node.today().description]).joined(
                separator: "\n") + "\n"
        return node.generatedDocument(name: "\(title).txt", title: title, text: text, at: actor)
    }

    /// Money typed in yuan ("150000.00").
    static func yuan(_ text: String) throws -> Fen { try Fen(parsingYuan: text) }
}
