-- Node-local content: cases a sync could not move, in either direction, with the reason. A held case is tried
-- again at every sync (whatever the checkpoints say) until it goes through, then its row is removed.
CREATE TABLE sync_held (
    peer           TEXT NOT NULL,
    case_uid       TEXT NOT NULL,
    direction      TEXT NOT NULL,               -- pull: we refused what the peer serves; push: the peer refused ours
    reason         TEXT NOT NULL,
    first_at       TEXT NOT NULL,
    last_at        TEXT NOT NULL,
    attempts       INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (peer, case_uid, direction)
) WITHOUT ROWID;
