import DocketCore
import Foundation

extension Node {
    /// The side this node acts for in service requests: a court node makes court moves, every other node acts for
    /// parties (the domain refuses court moves from it with a sentence saying so).
    package var actingSide: ActingSide { config.role == .court ? .court : .party }

    /// One step of a service request on a case, as one signed commit: `step` gets the case as it stands, who is
    /// acting and for which side. Whatever it refuses writes nothing.
    @discardableResult
    public func serviceStep(
        _ uid: String, _ step: (CaseFile, Actor, ActingSide) throws -> CaseChange
    ) throws -> CaseFile {
        let side = actingSide
        return try updateCase(uid) { file, actor in try step(file, actor, side) }.file
    }

    /// A new id for a service request or hearing record (`f…`, `h…`).
    public func newRecordID(_ prefix: Character) -> String {
        var rng = SystemRandomNumberGenerator()
        return Identifier.short(prefix, using: &rng)
    }

    /// A document to attach to a step (a ruling, a transcript, an agreement): the name is sanitised, the size
    /// limit applies, and its metadata is stamped with the acting node and time.
    public func attachment(
        name: String, title: String?, bytes: [UInt8], actor: Actor
    ) throws -> CaseActions.AttachedDocument {
        let limit = Int64(config.setting(.documentMaxBytes)) ?? 0
        guard Int64(bytes.count) <= limit else {
            throw DocketError(
                .invalidInput, key: "document.file-too-large", zh: "文件超过\(limit)字节（documents.maxBytes）。",
                en: "The file is larger than \(limit) bytes (documents.maxBytes).")
        }
        let clean = try FileName.sanitize(name)
        return newDocument(name: clean, title: title ?? clean, bytes: bytes, at: actor)
    }

    /// The party a person names: by party id, or by the party's exact name when only one party has it.
    public func party(_ reference: String, in file: CaseFile) throws -> PartyRecord {
        if let party = file.party(reference) { return party }
        let named = file.parties.filter { $0.name == reference }
        guard named.count == 1 else {
            throw DocketError(
                .notFound, key: "party.not-found-by-reference",
                zh:
                    "案件中没有当事人\(reference)"
                    + "\(named.count > 1 ? " (several parties have that name: use the party id)" : "")；"
                    + "案件当事人：\(file.parties.map { "\($0.id) \($0.name)" }.joined(separator: ", "))。",
                en:
                    "The case has no party \(reference)"
                    + "\(named.count > 1 ? " (several parties have that name: use the party id)" : ""); "
                    + "parties: \(file.parties.map { "\($0.id) \($0.name)" }.joined(separator: ", "))."
            )
        }
        return named[0]
    }
}
