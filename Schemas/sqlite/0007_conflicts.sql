-- Merge conflicts of every case, open and resolved (rebuildable: from conflicts/ in git).
CREATE TABLE conflicts (
    id             TEXT PRIMARY KEY,
    case_uid       TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    path           TEXT NOT NULL,
    field          TEXT NOT NULL,
    winner         TEXT NOT NULL,
    status         TEXT NOT NULL,
    needs_review   INTEGER NOT NULL,
    opened_at      TEXT NOT NULL,
    record         TEXT NOT NULL              -- the conflict record's JSON
) WITHOUT ROWID;
CREATE INDEX conflicts_open ON conflicts(status, case_uid);
