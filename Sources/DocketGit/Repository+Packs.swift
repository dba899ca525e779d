import CGit2

extension Repository {
    /// Runs `body` with a second handle on this repository whose object writes are held in memory, then stores
    /// them all as one pack (two files) instead of one loose file (and often one new folder) each. Nothing
    /// reaches the disk if `body` throws. Objects written in `body` are readable through the handle it gets.
    ///
    /// A case commit is about ten objects; written loose they cost some twenty file-system operations, as a pack
    /// two. The handle is separate because libgit2 cannot take the in-memory store out of an object database
    /// again: this instance keeps writing loose objects as usual.
    public func writingOnePack<T>(_ body: (Repository) throws -> T) throws -> T {
        let batch = try Repository.open(path)
        var odb: OpaquePointer?
        try check("git_repository_odb", git_repository_odb(&odb, batch.pointer))
        defer { git_odb_free(odb) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check("git_mempack_new", git_mempack_new(&backend))
        try check("git_odb_add_backend", git_odb_add_backend(odb, backend, 999))
        defer { git_mempack_reset(backend) }

        let result = try body(batch)
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        try check("git_mempack_dump", git_mempack_dump(&buffer, batch.pointer, backend))
        // An empty pack is a 12-byte header and a 20-byte trailer: nothing to store.
        guard buffer.size > 32 else { return result }
        var writer: UnsafeMutablePointer<git_odb_writepack>?
        try check("git_odb_write_pack", git_odb_write_pack(&writer, odb, nil, nil))
        defer { writer!.pointee.free(writer) }
        var progress = git_indexer_progress()
        try check("git_odb_writepack.append", writer!.pointee.append(writer, buffer.ptr, buffer.size, &progress))
        try check("git_odb_writepack.commit", writer!.pointee.commit(writer, &progress))
        return result
    }
}
