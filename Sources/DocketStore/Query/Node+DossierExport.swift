import DocketCore
import Foundation
import ZIPFoundation

extension Node {
    /// Writes the dossier of a case as a ZIP: every document under `documents/<id>-<name>` and an `index.txt`
    /// (title, name, size, SHA-256, when added) first. Material still waiting for review is left out.
    public func exportDossier(_ uid: String, to url: URL) throws -> Int {
        let file = try caseFile(uid)
        if FileManager.default.fileExists(atPath: url.path) {
            throw DocketError(
                .conflict, key: "file.already-exists", zh: "\(url.path)已存在。", en: "\(url.path) already exists.")
        }
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .create) } catch {
            throw DocketError(
                .unavailable, key: "file.cannot-create", zh: "无法创建\(url.path)：\(error.chineseMessage)。",
                en: "Cannot create \(url.path): \(error.englishMessage).")
        }
        let documents = file.documents.filter(\.isInDossier)
        var index = "\(file.record.caseNumber ?? file.record.uid)  \(file.record.title)\n电子卷宗目录 (dossier "
            + "index)\n\n"
        for (n, doc) in documents.enumerated() {
            index +=
                "\(n + 1). \(doc.title)\n   \(doc.id)-\(doc.name)  \(doc.size) bytes  sha256 \(doc.sha256)  "
                + "\(UTCTime.display(doc.addedAt.date))\n"
        }
        try archive.add(Data(index.utf8), as: "index.txt")
        for doc in documents {
            try archive.add(Data(try document(uid, id: doc.id).1), as: "documents/\(doc.id)-\(doc.name)")
        }
        return documents.count
    }
}

extension Archive {
    /// Adds bytes as a deflated file entry.
    public func add(_ data: Data, as path: String) throws {
        try addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
            position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }
}
