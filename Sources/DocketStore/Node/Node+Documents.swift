import Crypto
import DocketCore
import DocketGit
import Foundation

extension Node {
    /// Adds a file to a case's dossier. The name is sanitised and the size checked before anything is
    /// written: a refused file leaves the case exactly as it was.
    public func addDocument(
        _ uid: String, file: URL, name: String? = nil, title: String? = nil, party: String? = nil
    ) throws -> DocumentMeta {
        let limit = Int64(config.setting(.documentMaxBytes)) ?? Int64(NodeSettings.Key.documentMaxBytes.defaultValue)!
        let cleanName = try FileName.sanitize(name ?? file.lastPathComponent)
        let attributes = try? FileManager.default.attributesOfItem(atPath: file.path)
        guard let size = (attributes?[.size] as? NSNumber)?.int64Value else {
            throw DocketError(
                .notFound, key: "file.unreadable", zh: "无法读取\(file.path)。", en: "Cannot read \(file.path).")
        }
        guard size <= limit else {
            throw DocketError(
                .invalidInput, key: "document.too-large",
                zh: "\(cleanName)大小为\(size)字节；本节点接受的文书不超过\(limit)字节（documents.maxBytes）。",
                en:
                    "\(cleanName) is \(size) bytes; this node accepts documents up to \(limit) bytes "
                    + "(documents.maxBytes)."
            )
        }
        guard let handle = FileHandle(forReadingAtPath: file.path) else {
            throw DocketError(
                .notFound, key: "file.unreadable", zh: "无法读取\(file.path)。", en: "Cannot read \(file.path).")
        }
        defer { try? handle.close() }
        // Read at most one byte past the limit, so a file that grows while being read is still refused.
        let data = try handle.read(upToCount: Int(limit) + 1) ?? Data()
        guard data.count <= limit else {
            throw DocketError(
                .invalidInput, key: "document.larger-than-limit", zh: "\(cleanName)超过\(limit)字节（documents.maxBytes）。",
                en: "\(cleanName) is larger than \(limit) bytes (documents.maxBytes).")
        }
        return try addDocument(uid, bytes: Array(data), name: cleanName, title: title, party: party)
    }

    /// Adds bytes to a case's dossier as a document named `name` (sanitised).
    ///
    /// Where it goes follows the authority policy: the court's documents and the filer's while the filing is under
    /// review join the dossier at once; anything else a party's side hands in is supplementary material that
    /// waits for the judge (`pending`), handed in for `party` — by default the one party this node represents.
    public func addDocument(
        _ uid: String, bytes: [UInt8], name: String, title: String? = nil, party: String? = nil
    ) throws -> DocumentMeta {
        let cleanName = try FileName.sanitize(name)
        var rng = SystemRandomNumberGenerator()
        let id = Identifier.short("d", using: &rng)
        let digest = sha256Hex(bytes)
        let me = participant
        var stored: DocumentMeta?
        try updateCase(uid) { file, actor in
            var meta = DocumentMeta(
                id: id, name: cleanName, title: title ?? cleanName, size: Int64(bytes.count),
                sha256: digest, mediaType: FileName.mediaType(of: cleanName),
                addedAt: actor.time, addedBy: actor.node)
            let standing = CaseStanding(file)
            let straightIn =
                me.isCourt(of: file.record.court) || (file.record.filedBy == me.nodeId && standing.isUnderReview)
            if straightIn, party == nil {
                stored = meta
                return try CaseActions.addDocument(meta, bytes: bytes, by: actor)
            }
            let represented = standing.parties(actedForBy: me)
            guard let submitter = party ?? (represented.count == 1 ? represented[0] : nil) else {
                if !represented.isEmpty {
                    throw DocketError(
                        .invalidInput, key: "document.party-ambiguous",
                        zh: "本节点代理多方当事人（\(represented.joined(separator: ", "))），请用 --party "
                            + "指明为哪一方当事人提交。",
                        en:
                            "This node represents several parties (\(represented.joined(separator: ", "))); "
                            + "say for which one with --party."
                    )
                }
                throw AuthorityRefusal([
                    PolicyRefusal(
                        .notAllowed, path: "documents/\(id)/meta.json", signer: me.nodeId,
                        chinese: "本节点未代理该案任何当事人，立案审查期后不能提交材料。",
                        english:
                            "This node represents no party of the case, so it cannot hand in material once the filing "
                            + "is decided."
                    )
                ])
            }
            guard let submitting = file.party(submitter) else {
                throw DocketError(
                    .notFound, key: "party.not-found", zh: "案件中没有该当事人（\(submitter)）。",
                    en: "The case has no party \(submitter).")
            }
            meta.submittedBy = submitter
            meta.review = "pending"
            stored = meta
            return try CaseActions.submitMaterial(meta, bytes: bytes, partyName: submitting.name, by: actor)
        }
        return stored!
    }

    /// A document's metadata and bytes.
    public func document(_ uid: String, id: String) throws -> (DocumentMeta, [UInt8]) {
        let file = try caseFile(uid)
        guard let meta = file.document(id) else {
            throw DocketError(
                .notFound, key: "document.not-found", zh: "案件中没有文书\(id)。", en: "The case has no document \(id).")
        }
        let repo = try repository(uid)
        guard let tip = try repo.reference(Self.mainRef),
            let blob = try repo.blob(at: meta.contentPath, inTree: try repo.commit(tip).tree)
        else {
            throw DocketError(
                .internal, key: "document.bytes-missing", zh: "案件仓库中缺少文书\(id)的内容。",
                en: "The bytes of document \(id) are missing from the case repository.")
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
