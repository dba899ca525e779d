-- The index of what is in the case repositories. Every table here can be rebuilt from git (`docket reindex`);
-- node-local content (change sequence, journal, peers, payments state, …) lives in its own tables.

CREATE TABLE cases (
    id             INTEGER PRIMARY KEY,   -- the row id of the case in case_search; not stable across reindex
    uid            TEXT NOT NULL UNIQUE,
    case_number    TEXT UNIQUE,
    status         TEXT NOT NULL,
    title          TEXT NOT NULL,
    court          TEXT NOT NULL,
    case_type      TEXT NOT NULL,
    cause          TEXT NOT NULL,
    claim_fen      INTEGER,
    claims         TEXT NOT NULL,
    filed_at       TEXT NOT NULL,
    filed_by       TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    tip            TEXT NOT NULL          -- the commit this row was indexed from
);
CREATE INDEX cases_status ON cases(status, filed_at);

CREATE TABLE parties (
    case_uid       TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    party_id       TEXT NOT NULL,
    role           TEXT NOT NULL,
    name           TEXT NOT NULL,
    id_number      TEXT,
    id_kind        TEXT,
    phone          TEXT,
    email          TEXT,
    representative TEXT,
    firm           TEXT,
    PRIMARY KEY (case_uid, party_id)
) WITHOUT ROWID;
CREATE INDEX parties_id_number ON parties(id_number);
CREATE INDEX parties_firm ON parties(firm);

CREATE TABLE documents (
    case_uid       TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    doc_id         TEXT NOT NULL,
    name           TEXT NOT NULL,
    title          TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    added_at       TEXT NOT NULL,
    PRIMARY KEY (case_uid, doc_id)
) WITHOUT ROWID;

CREATE TABLE timeline (
    case_uid       TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    at             TEXT NOT NULL,
    node           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    summary        TEXT NOT NULL,
    PRIMARY KEY (case_uid, at, node)
) WITHOUT ROWID;

-- Full-text search over what people look cases up by; trigram so that Chinese needs no word breaking.
-- Its rowid is cases.id: FTS5 finds rows by rowid only, so a lookup by uid would scan the whole table.
CREATE VIRTUAL TABLE case_search USING fts5(title, cause, claims, parties, tokenize = 'trigram');

-- Node-local: the change sequence (what moved since a checkpoint). Kept across `docket reindex`.
CREATE TABLE case_changes (
    case_uid       TEXT PRIMARY KEY,
    seq            INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

