-- Node-local content: deadlines whose last day moved when a year's holiday arrangement arrived (the clerk's list of
-- what to tell the parties), newest first by `at`.
CREATE TABLE deadline_moves (
    id           INTEGER PRIMARY KEY,
    case_uid     TEXT NOT NULL,
    record       TEXT NOT NULL,
    name         TEXT NOT NULL,
    chinese      TEXT NOT NULL,
    owner        TEXT NOT NULL,
    before_day   TEXT NOT NULL,
    after_day    TEXT NOT NULL,
    year         INTEGER NOT NULL,           -- the year whose arrangement moved it
    at           TEXT NOT NULL               -- UTC, ISO 8601
);
CREATE INDEX deadline_moves_by_case ON deadline_moves(case_uid);
