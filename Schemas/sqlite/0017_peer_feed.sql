-- Node-local: each peer's own numbering of the changes it may see, so that a peer's feed position moves only when a
-- case it may see changes (the court-wide counter is never shown). One row per case and peer: a case that changes
-- again takes the peer's next position. `peer_feed_scan` says how far the court-wide sequence has been numbered.
CREATE TABLE peer_feed (
    peer_id        TEXT NOT NULL,
    position       INTEGER NOT NULL,
    case_uid       TEXT NOT NULL,
    PRIMARY KEY (peer_id, position)
) WITHOUT ROWID;
CREATE UNIQUE INDEX peer_feed_case ON peer_feed (peer_id, case_uid);

CREATE TABLE peer_feed_scan (
    peer_id        TEXT PRIMARY KEY,
    scanned_seq    INTEGER NOT NULL,
    last_position  INTEGER NOT NULL
) WITHOUT ROWID;

-- The positions this node pulled to were court-wide numbers until now: start each peer's feed again (the cases
-- already here are fetched as no-ops).
UPDATE peers SET pull_since = 0;
