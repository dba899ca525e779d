-- Node-local content (not rebuilt from git): case-number allocation on a court node.
-- One row per series (court, specialised-trial code, type, year); serials are handed out consecutively from 1.
CREATE TABLE case_number_series (
    court          TEXT NOT NULL,
    special        TEXT NOT NULL DEFAULT '',
    type           TEXT NOT NULL,
    year           INTEGER NOT NULL,
    last_serial    INTEGER NOT NULL,
    PRIMARY KEY (court, special, type, year)
) WITHOUT ROWID;

-- Every number ever handed out and the case it went to. A case asking again gets the same number back, so a
-- failed or repeated acceptance never burns a serial (the series stays gap-free).
CREATE TABLE case_number_allocations (
    canonical      TEXT PRIMARY KEY,
    case_uid       TEXT NOT NULL,
    type           TEXT NOT NULL,
    allocated_at   TEXT NOT NULL,
    UNIQUE (case_uid, type)
) WITHOUT ROWID;
