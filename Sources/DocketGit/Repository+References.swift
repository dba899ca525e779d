import CGit2

extension Repository {
    /// The commit a reference points at, or nil when the reference does not exist.
    public func reference(_ name: String) throws -> ObjectID? {
        if let fixedReferences { return fixedReferences[name] }
        var oid = git_oid()
        let result = git_reference_name_to_id(&oid, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return nil }
        try check("git_reference_name_to_id", result)
        return ObjectID(oid)
    }

    /// Writes the references of a repository that has none yet and that nobody else opens (a staging repository,
    /// before it is renamed into place) as one `packed-refs` file: no folder and file per reference. Refuses when
    /// the repository has a `packed-refs` already.
    public func writePackedReferences(_ references: [String: ObjectID]) throws {
        let lines = references.sorted { $0.key < $1.key }.map { "\($0.value.hex) \($0.key)\n" }.joined()
        try Self.writeFile(path + "/packed-refs", Array((Self.packedReferencesHeader + lines).utf8), mode: 0o644)
    }

    /// Moves a reference to `target` only if it still points at `expected` (nil: only if it does not exist yet).
    /// Returns false, changing nothing, when another writer got there first (or holds the lock); the caller
    /// re-reads and tries again. This compare-and-swap is what keeps concurrent writers from losing updates.
    public func updateReference(
        _ name: String, to target: ObjectID, expecting expected: ObjectID?, message: String
    ) throws -> Bool {
        var targetOID = target.oid
        var reference: OpaquePointer?
        let result: Int32
        if var expectedOID = expected?.oid {
            result = git_reference_create_matching(&reference, pointer, name, &targetOID, 1, &expectedOID, message)
        } else {
            result = git_reference_create(&reference, pointer, name, &targetOID, 0, message)
        }
        if result == 0 { git_reference_free(reference); return true }
        if [GIT_EMODIFIED.rawValue, GIT_ELOCKED.rawValue, GIT_EEXISTS.rawValue].contains(result) { return false }
        try check("git_reference_create", result)
        return false
    }

    /// Deletes a reference if it exists.
    public func deleteReference(_ name: String) throws {
        var reference: OpaquePointer?
        let result = git_reference_lookup(&reference, pointer, name)
        if result == GIT_ENOTFOUND.rawValue { return }
        try check("git_reference_lookup", result)
        defer { git_reference_free(reference) }
        try check("git_reference_delete", git_reference_delete(reference))
    }
}
