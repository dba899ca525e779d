import Crypto
import DocketCore
import DocketGit
import Foundation

extension Node {
    /// Adds a file to a case's dossier. The name is sanitised and the size checked before anything is
    /// written: a refused file leaves the case exactly as it was.
    public func addDocument(_ uid: String, file: URL, name: String? = nil, title: String? = nil) throws -> DocumentMeta {
        let limit = Int64(config.setting(.documentMaxBytes)) ?? Int64(NodeSettings.Key.documentMaxBytes.defaultValue)!
        let cleanName = try FileName.sanitize(name ?? file.lastPathComponent)
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard let size = (attributes?[.size] as? NSNumber)?.int64Value else { throw DocketError("Cannot read \(file.path).") }
        guard size <= limit else {
            throw DocketError("\(cleanName) is \(size) bytes; this node accepts documents up to \(limit) bytes (documents.maxBytes).")
        }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { throw DocketError("Cannot read \(file.path).") }
        defer { try? handle.close() }
        // Read at most one byte past the limit, so a file that grows while being read is still refused.
        let data = try handle.read(upToCount: Int(limit) + 1) ?? Data()
        guard data.count <= limit else { throw DocketError("\(cleanName) is larger than \(limit) bytes (documents.maxBytes).") }
        return try addDocument(uid, bytes: Array(data), name: cleanName, title: title)
    }

    /// Adds bytes to a case's dossier as a document named `name` (sanitised).
    public func addDocument(_ uid: String, bytes: [UInt8], name: String, title: String? = nil) throws -> DocumentMeta {
        let cleanName = try FileName.sanitize(name)
        var rng = SystemRandomNumberGenerator()
        let id = Identifier.short("d", using: &rng)
        let digest = sha256Hex(bytes)
        var stored: DocumentMeta?
        try updateCase(uid) { _, actor in
            let meta = DocumentMeta(id: id, name: cleanName, title: title ?? cleanName, size: Int64(bytes.count),
                                    sha256: digest, mediaType: FileName.mediaType(of: cleanName),
                                    addedAt: actor.time, addedBy: actor.node)
            stored = meta
            return try CaseActions.addDocument(meta, bytes: bytes, by: actor)
        }
        return stored!
    }

    /// A document's metadata and bytes.
    public func document(_ uid: String, id: String) throws -> (DocumentMeta, [UInt8]) {
        let file = try caseFile(uid)
        guard let meta = file.document(id) else { throw DocketError("The case has no document \(id).") }
        let repo = try repository(uid)
        guard let tip = try repo.reference(Self.mainRef),
              let blob = try repo.blob(at: meta.contentPath, inTree: try repo.commit(tip).tree) else {
            throw DocketError("The bytes of document \(id) are missing from the case repository.")
        }
        return (meta, try repo.readBlob(blob))
    }
}

/// Lower-case hexadecimal SHA-256 of bytes (documents, query codes).
public func sha256Hex(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).hexString }

extension Digest {
    /// Lower-case hexadecimal.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in self { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
