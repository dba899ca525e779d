-- Node-local content: the nodes this node replicates with.
CREATE TABLE peers (
    node_id        TEXT PRIMARY KEY,
    role           TEXT NOT NULL,               -- court | firm | kiosk
    public_key     TEXT NOT NULL,               -- Ed25519, base64: verifies the commits it signs
    court_code     TEXT,                        -- for a court peer: the court whose cases it holds
    url            TEXT,                        -- where we reach it (we are its client); NULL if it only reaches us
    token          TEXT,                        -- the token we present to it
    token_hash     TEXT UNIQUE,                 -- SHA-256 of the token it presents to us (we are its server)
    pull_since     INTEGER NOT NULL DEFAULT 0,  -- its change sequence we have fetched up to
    push_since     INTEGER NOT NULL DEFAULT 0,  -- our change sequence we have pushed up to
    added_at       TEXT NOT NULL
) WITHOUT ROWID;

-- Node-local: what the last syncs did, for administrators.
CREATE TABLE sync_log (
    id             INTEGER PRIMARY KEY,
    peer           TEXT NOT NULL,
    at             TEXT NOT NULL,
    report         TEXT NOT NULL                -- JSON of the per-peer result
);
