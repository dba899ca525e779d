/// A document in the electronic dossier, `documents/<id>/meta.json`; its bytes sit beside it as
/// `documents/<id>/<name>`.
public struct DocumentMeta: Record, Equatable {
    public static let schema = "docket.document/1"
    public static let explicitNullFields = ["review", "submittedBy"]

    /// True when the document belongs to the dossier everyone with access reads.
    public var isInDossier: Bool { review == nil || review == "approved" }

    public var id: String
    /// The sanitised file name (see `FileName.sanitize`).
    public var name: String
    public var title: String
    public var size: Int64
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String
    public var mediaType: String
    public var addedAt: HybridTimestamp
    public var addedBy: String
    /// Supplementary material a party handed in waits for the judge: `pending`, then `approved` (it joins the
    /// dossier) or `refused`. Nil for everything else, which is part of the dossier.
    public var review: String?
    /// The party who handed it in, for supplementary material.
    public var submittedBy: String?
    public var updatedAt: HybridTimestamp
    public var updatedBy: String

    public init(
        id: String, name: String, title: String, size: Int64, sha256: String, mediaType: String,
        addedAt: HybridTimestamp, addedBy: String
    ) {
        self.id = id; self.name = name; self.title = title; self.size = size; self.sha256 = sha256
        self.mediaType = mediaType; self.addedAt = addedAt; self.addedBy = addedBy
        self.updatedAt = addedAt; self.updatedBy = addedBy
    }

    /// Where the metadata lives in the case tree.
    public var metaPath: String { "documents/\(id)/meta.json" }
    /// Where the bytes live in the case tree.
    public var contentPath: String { "documents/\(id)/\(name)" }
}
