import ArgumentParser
import DocketCore
import DocketStore
import Foundation

struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Store concluded cases as one file each (their archive form), or expand them again.",
        discussion: """
            A case repository costs at least seven inodes; its archive is one file (a git bundle, which stock git \
            reads: git clone <file>). The index keeps every row, so lists, search and queries are unchanged, and \
            the case still opens as usual: the first write, sync or git request expands it again. Name cases to \
            archive them, or give --concluded-days to archive every case closed, withdrawn or rejected at least \
            that many days ago (what `docket serve --archive-after` does once a day). A case in use by another \
            process is left as it is and listed.
            """
    )
    @OptionGroup var node: NodeOptions
    @Argument(help: "Cases to archive (uid or case number).") var cases: [String] = []
    @Option(
        name: .customLong("concluded-days"),
        help: "Archive every case concluded (closed, withdrawn, rejected) at least this many days ago.")
    var concludedDays: Int?
    @Flag(help: "Expand the named cases into repositories again instead.") var expand = false

    func validate() throws {
        if cases.isEmpty, concludedDays == nil {
            throw ValidationError("Name the cases to archive, or give --concluded-days.")
        }
        if expand, cases.isEmpty || concludedDays != nil {
            throw ValidationError("--expand takes the cases to expand, and no --concluded-days.")
        }
        if let concludedDays, concludedDays < 0 { throw ValidationError("--concluded-days cannot be negative.") }
    }

    func run() throws {
        let opened = try node.open()
        for reference in cases {
            let uid = try opened.resolveCase(reference)
            if expand {
                print(try opened.unarchiveCase(uid) ? "\(uid) 已展开 expanded" : "\(uid) 未归档 was not archived")
                continue
            }
            switch try opened.archiveCase(uid) {
            case .archived(let bytes): print("\(uid) 已归档（\(bytes) 字节） archived (\(bytes) bytes)")
            case .alreadyArchived: print("\(uid) 此前已归档 was archived already")
            case .busy: print("\(uid) 正在使用，未归档 in use, not archived")
            }
        }
        if let concludedDays {
            let swept = try opened.archiveConcluded(before: Date().addingTimeInterval(-Double(concludedDays) * 86400))
            print("已归档 \(swept.archived) 件，\(swept.busy) 件正在使用 archived \(swept.archived), \(swept.busy) in use")
            try reportFailures(swept.failed)
        }
    }
}

struct CompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite case repositories in the layout of a new case: one pack, no loose references.",
        discussion: """
            Every commit of a case adds a pack and its index, and the first move of a reference a folder and a \
            file: an accepted case takes 11 inodes, a busy one dozens. Compacting takes each back to 7 (objects \
            nothing references are dropped), swapping the new layout in in one step. Without cases, every case \
            not compact already. A case in use by another process is left for next time. `docket serve` does this \
            once a day, after archiving (--archive-after).
            """
    )
    @OptionGroup var node: NodeOptions
    @Argument(help: "Cases to compact (uid or case number); none: every case.") var cases: [String] = []

    func run() throws {
        let opened = try node.open()
        if cases.isEmpty {
            opened.removeArchiveLeftovers()
            let swept = try opened.compactCases()
            print("已整理 \(swept.compacted) 件 compacted \(swept.compacted)")
            try reportFailures(swept.failed)
            return
        }
        for reference in cases {
            let uid = try opened.resolveCase(reference)
            print(
                try opened.compactCase(uid)
                    ? "\(uid) 已整理 compacted"
                    : "\(uid) 未整理（已紧凑、已归档或正在使用） left as it is (compact already, archived or in use)")
        }
    }
}

/// Prints each case a sweep could not handle, with its reason, to stderr, and fails the command if there was one.
private func reportFailures(_ failed: [DocketError]) throws {
    guard !failed.isEmpty else { return }
    for failure in failed { FileHandle.standardError.write(Data("\(failure.message)\n".utf8)) }
    throw ExitCode(1)
}
