/// Look-ups of a case's service requests and hearings.
extension CaseFile {
    /// The filing with this id, if any.
    public func filing(_ id: String) -> FilingRecord? { filings.first { $0.id == id } }

    /// The hearing with this id, if any.
    public func hearing(_ id: String) -> HearingRecord? { hearings.first { $0.id == id } }

    /// The filings of one kind, sorted by id.
    public func filings(_ kind: FilingKind) -> [FilingRecord] { filings.filter { $0.kind == kind } }

    /// The filings that belong to another (the guarantees of a preservation, the leads of an enforcement).
    public func filings(relatedTo id: String) -> [FilingRecord] { filings.filter { $0.relatedId == id } }
}
