import Crypto
import DocketCore
import DocketGit
import Foundation
import GRDB

/// One row of a case listing.
public struct CaseSummary: Codable, Equatable, Sendable {
    public var uid: String
    public var caseNumber: String?
    public var status: String
    public var title: String
    public var court: String
    public var cause: String
    public var claimAmountFen: Int64?
    public var filedAt: String
    public var updatedAt: String
}

extension Node {
    /// Files a new case from a checked filing, with its attached documents, in one commit, and returns it as
    /// stored. Attachment names are sanitised first; a bad name files nothing.
    public func fileCase(_ input: FilingInput, attachments: [(name: String, bytes: [UInt8])] = []) throws -> CaseFile {
        try fileCase(input, attachments: attachments) { _, _ in [:] }
    }

    /// `fileCase`, with the salted hashes of query codes handed out at filing, by party id, made from the new
    /// case's uid and party ids (`CaseActions.file`'s `filingCodeHashes`).
    func fileCase(
        _ input: FilingInput, attachments: [(name: String, bytes: [UInt8])],
        filingCodeHashes: (_ uid: String, _ partyIDs: [String]) throws -> [String: String]
    ) throws -> CaseFile {
        var rng = SystemRandomNumberGenerator()
        let uid = Identifier.caseUID(milliseconds: tick().milliseconds, using: &rng)
        let partyIDs = input.parties.map { _ in Identifier.short("p", using: &rng) }
        let hashes = try filingCodeHashes(uid, partyIDs)
        let documents = try attachments.map { attachment in
            (
                id: Identifier.short("d", using: &rng), name: try FileName.sanitize(attachment.name),
                bytes: attachment.bytes,
                sha256: sha256Hex(attachment.bytes)
            )
        }
        return try createCase(uid: uid) { actor in
            var (file, change) = try CaseActions.file(
                input, uid: uid, partyIDs: partyIDs, filingCodeHashes: hashes, by: actor)
            for doc in documents {
                let meta = DocumentMeta(
                    id: doc.id, name: doc.name, title: doc.name, size: Int64(doc.bytes.count),
                    sha256: doc.sha256, mediaType: FileName.mediaType(of: doc.name),
                    addedAt: actor.time, addedBy: actor.node)
                try change.add(meta, bytes: doc.bytes)
                file.documents.append(meta)
            }
            file.documents.sort { $0.id < $1.id }
            return (file, change)
        }.file
    }

    /// The case as of its current `main` (an archived case read from a copy: it stays archived).
    public func caseFile(_ uid: String) throws -> CaseFile {
        guard let repo = try readCaseObjects(uid), let tip = try repo.reference(Self.mainRef) else {
            throw caseNotFound(uid)
        }
        return try CaseReader.caseFile(in: repo, tree: try repo.commit(tip).tree)
    }

    /// Opens a case repository (expanding an archived case: `openCase`); a case that does not exist is an error a
    /// person understands.
    public func repository(_ uid: String) throws -> Repository {
        guard let repository = try openCase(uid) else { throw caseNotFound(uid) }
        return repository
    }

    /// The uid of a case named by its uid or its case number (案号, either bracket width).
    public func resolveCase(_ reference: String) throws -> String {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if Identifier.isCaseUID(text.lowercased()) { return text.lowercased() }
        if let uid = try caseUID(byNumber: text) { return uid }
        throw DocketError(.notFound, key: "case.not-found", zh: "没有案件\(reference)。", en: "No case \(reference).")
    }

    /// The case a person refers to by its case number (案号, any accepted spelling) or its filing number (立案编号).
    func caseUID(byNumber text: String) throws -> String? {
        let canonical = (try? CaseNumber(parsing: text, allowUnknownCourt: true).canonical) ?? text
        return try database.read { db in
            if let uid = try String.fetchOne(
                db, sql: "SELECT uid FROM cases WHERE case_number = ?", arguments: [canonical])
            {
                return uid
            }
            guard let suffix = FilingNumber.uidSuffix(text) else { return nil }
            return try String.fetchOne(db, sql: "SELECT uid FROM cases WHERE substr(uid, 17) = ?", arguments: [suffix])
        }
    }

    /// How many cases this node holds, from the index.
    public func caseCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM cases") ?? 0 }
    }

    /// The court of a case as the index holds it (its `main` when last indexed), or nil for a case not indexed:
    /// what the checks of an arriving history need of a case we hold, without reading the whole case.
    public func indexedCourt(of uid: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db.cachedStatement(sql: "SELECT court FROM cases WHERE uid = ?"), arguments: [uid])
        }
    }

    /// Cases, newest filing first, optionally with one status.
    public func listCases(status: String? = nil, limit: Int = 1_000) throws -> [CaseSummary] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM cases \(status == nil ? "" : "WHERE status = ?") ORDER BY filed_at DESC LIMIT ?
                    """, arguments: status.map { [$0, limit] as StatementArguments } ?? [limit]
            ).map(Self.summary)
        }
    }

    /// Full-text search over titles, causes, claims and party names, most recently indexed first (a case is
    /// indexed again whenever it changes; after `docket reindex`, newest filing first). Three characters or more use
    /// the trigram index (`case_search`), two letters or digits the pair index (`case_pairs`); anything shorter or
    /// holding other characters falls back to a scan with LIKE. Matches are taken in index order and the first
    /// `limit` kept, so a search costs what it returns, not what it matches (ranking every match of 买卖合同纠纷
    /// by relevance took 4.4 ms at 20,000 cases, and grew with them).
    public func search(_ text: String, limit: Int = 100) throws -> [CaseSummary] {
        let query = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else {
            throw DocketError(
                .invalidInput, key: "case.search-text-required", zh: "请填写要搜索的内容。", en: "Give some text to "
                    + "search for.")
        }
        let quoted = "\"" + query.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        return try database.read { db in
            if query.unicodeScalars.count >= 3 {
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT cases.* FROM case_search JOIN cases ON cases.id = case_search.rowid
                        WHERE case_search MATCH ? ORDER BY case_search.rowid DESC LIMIT ?
                        """, arguments: [quoted, limit]
                ).map(Self.summary)
            }
            if CasePairs.answers(query) {
                return try Row.fetchAll(
                    db,
                    sql: """
                        SELECT cases.* FROM case_pairs JOIN cases ON cases.id = case_pairs.rowid
                        WHERE case_pairs MATCH ? ORDER BY case_pairs.rowid DESC LIMIT ?
                        """, arguments: [quoted, limit]
                ).map(Self.summary)
            }
            let pattern =
                "%"
                + query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%"
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT cases.* FROM case_search JOIN cases ON cases.id = case_search.rowid
                    WHERE case_search.title LIKE ?1 ESCAPE '\\' OR case_search.cause LIKE ?1 ESCAPE '\\'
                       OR case_search.claims LIKE ?1 ESCAPE '\\' OR case_search.parties LIKE ?1 ESCAPE '\\'
                    ORDER BY cases.id DESC LIMIT ?2
                    """, arguments: [pattern, limit]
            ).map(Self.summary)
        }
    }

    static func summary(_ row: Row) -> CaseSummary {
        CaseSummary(
            uid: row["uid"], caseNumber: row["case_number"], status: row["status"], title: row["title"],
            court: row["court"], cause: row["cause"], claimAmountFen: row["claim_fen"],
            filedAt: row["filed_at"], updatedAt: row["updated_at"])
    }
}
