/// Supplementary material: a party hands it in, the judge lets it into the dossier or refuses it.
extension CaseActions {
    public static func submitMaterial(
        _ meta: DocumentMeta, bytes: [UInt8], partyName: String, by actor: Actor
    ) throws -> CaseChange {
        var meta = meta
        meta.review = "pending"
        var change = CaseChange(message: "Submit material \(meta.id): \(meta.name)")
        try change.add(meta, bytes: bytes)
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name, kind: "material-submitted",
                summary: "\(partyName)提交补充材料《\(meta.title)》，待法官审核"))
        return change
    }

    public static func reviewMaterial(
        _ file: CaseFile, documentId: String, approve: Bool, by actor: Actor
    ) throws -> CaseChange {
        guard var meta = file.document(documentId), meta.review == "pending" else {
            throw DocketError(
                .notFound, key: "document.supplementary-not-pending", zh: "案件中没有待审查的补充材料\(documentId)。",
                en: "The case has no supplementary material \(documentId) waiting for review.")
        }
        meta.review = approve ? "approved" : "refused"
        meta.updatedAt = actor.time
        meta.updatedBy = actor.node
        var change = CaseChange(message: "\(approve ? "Approve" : "Refuse") material \(documentId)")
        try change.write(meta, at: meta.metaPath)
        try change.append(
            DocketEntry(
                at: actor.time, node: actor.node, actor: actor.name,
                kind: approve ? "material-approved" : "material-refused",
                summary: "补充材料《\(meta.title)》\(approve ? "经审核纳入卷宗" : "未予准许")"))
        return change
    }
}
