import DocketCore
import DocketKiosk
import DocketProcess
import Foundation

/// Where a filer's material comes from at the kiosk: the USB sticks mounted under the configured folder, and the
/// scanner's command. Only the kinds of file a court takes are offered, each checked again by its first bytes
/// when it is filed (a program renamed `.pdf` is refused); nothing is ever written to a stick.
///
/// Scanned pages live in the node's `kiosk/scans` folder (0700, files 0600) for the visit only: they are filed with
/// the case or deleted when the visit ends.
enum MaterialIntake {
    /// The kinds a court takes electronically, by extension, with the bytes a real file of that kind starts with.
    static let kinds: [String: [UInt8]] = [
        "pdf": Array("%PDF".utf8), "png": [0x89, 0x50, 0x4E, 0x47], "jpg": [0xFF, 0xD8, 0xFF],
        "jpeg": [0xFF, 0xD8, 0xFF],
    ]
    /// The largest single file taken.
    static let maximumFileBytes: Int64 = 20 * 1024 * 1024
    /// How many files are listed from the sticks at most, and how deep in their folders the kiosk looks.
    static let listLimit = 200
    static let depthLimit = 3
    /// How long one page may take to scan before the scanner is given up on.
    static let scanSeconds = 90

    /// What there is to take material from now.
    static func find(usbRoot: String?, scanCommand: [String]?) -> KioskMaterialSources {
        var files: [KioskMaterialFile] = []
        var present = false
        if let usbRoot {
            let root = URL(fileURLWithPath: usbRoot)
            let entries = visible(root)
            present = !entries.isEmpty
            collect(entries, depth: 1, into: &files)
        }
        files.sort { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        return KioskMaterialSources(
            stickPresent: present, files: Array(files.prefix(listLimit)), scanner: !(scanCommand ?? []).isEmpty)
    }

    /// The entries of a folder a person would see (no hidden ones), or none when it cannot be read.
    private static func visible(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
    }

    private static func collect(_ entries: [URL], depth: Int, into files: inout [KioskMaterialFile]) {
        for entry in entries where files.count < listLimit {
            // lstat: a link is never followed (it could lead off the stick).
            var info = stat()
            guard lstat(entry.path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR where depth < depthLimit:
                collect(visible(entry), depth: depth + 1, into: &files)
            case S_IFREG:
                let size = Int64(info.st_size)
                guard kinds[entry.pathExtension.lowercased()] != nil, size > 0, size <= maximumFileBytes else {
                    continue
                }
                files.append(
                    KioskMaterialFile(path: entry.path, name: entry.lastPathComponent, size: size, source: .usb))
            default: continue
            }
        }
    }

    /// Scans one page with `command` into `folder` as 扫描件N.png.
    static func scan(command: [String], into folder: URL) throws -> KioskMaterialFile {
        // `timeout` ends a scanner that never answers (the visitor's screen gives way long before), and finds the
        // program on PATH; it exits 127 when there is none.
        let outcome = try ProcessRunner.run("/usr/bin/timeout", ["--kill-after=5", String(scanSeconds)] + command)
        if outcome.status == 127 {
            throw unavailable("没有找到扫描程序 \(command.first ?? "")。", "The scanning program was not found.")
        }
        guard outcome.succeeded, Array(outcome.output.prefix(4)) == kinds["png"] else {
            throw unavailable(
                "扫描未成功，请检查纸张是否放好后重试，或将材料交至立案窗口。",
                "The scan did not work; check the page and try again, or bring it to the filing counter.")
        }
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let taken = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).count) ?? 0
        let name = "扫描件\(taken + 1).png"
        let url = folder.appendingPathComponent(name)
        guard
            FileManager.default.createFile(
                atPath: url.path, contents: outcome.output, attributes: [.posixPermissions: 0o600])
        else {
            throw unavailable("扫描件无法保存。", "The scanned page could not be saved.")
        }
        return KioskMaterialFile(path: url.path, name: name, size: Int64(outcome.output.count), source: .scanner)
    }

    /// The material's files as the case's documents, each read and checked again now (a stick may have been
    /// swapped): names made unique, kinds checked by their first bytes, sizes within the limits.
    static func read(_ material: [KioskMaterialFile]) throws -> [(name: String, bytes: [UInt8])] {
        var used: Set<String> = []
        return try material.map { file in
            let url = URL(fileURLWithPath: file.path)
            var info = stat()
            guard lstat(file.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                Int64(info.st_size) <= maximumFileBytes, let data = FileManager.default.contents(atPath: file.path)
            else {
                throw unavailable(
                    "材料“\(file.name)”已无法读取（U盘是否已拔出？）。请重新添加，或将材料交至立案窗口。",
                    "The file \"\(file.name)\" can no longer be read (was the USB stick removed?). "
                        + "Add it again, or bring it to the filing counter.")
            }
            let bytes = Array(data)
            guard let magic = kinds[url.pathExtension.lowercased()], bytes.starts(with: magic) else {
                throw DocketError(
                    .invalidInput, key: "kiosk.material-kind",
                    zh: "“\(file.name)”不是有效的 PDF 或图片文件，未能提交。请将该材料交至立案窗口。",
                    en: "\"\(file.name)\" is not a real PDF or image file; bring it to the filing counter instead.")
            }
            return (name: unique(file.name, in: &used), bytes: bytes)
        }
    }

    /// 借条.pdf, then 借条（2）.pdf for a second file of that name.
    private static func unique(_ name: String, in used: inout Set<String>) -> String {
        let url = URL(fileURLWithPath: name)
        let stem = url.deletingPathExtension().lastPathComponent, ext = url.pathExtension
        var candidate = name, n = 1
        while used.contains(candidate) {
            n += 1
            candidate = "\(stem)（\(n)）" + (ext.isEmpty ? "" : ".\(ext)")
        }
        used.insert(candidate)
        return candidate
    }

    /// Deletes the visit's scanned pages.
    static func discardScans(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    private static func unavailable(_ zh: String, _ en: String) -> DocketError {
        DocketError(.unavailable, key: "kiosk.material-unavailable", zh: zh, en: en)
    }
}
