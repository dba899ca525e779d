-- Open deadlines of every case (rebuildable: computed by the domain rules from the case's records when it is indexed).
CREATE TABLE deadlines (
    case_uid     TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    record       TEXT NOT NULL,
    name         TEXT NOT NULL,
    title        TEXT NOT NULL,
    chinese      TEXT NOT NULL,
    owner        TEXT NOT NULL,
    last_day     TEXT NOT NULL,            -- YYYY-MM-DD, Asia/Shanghai
    deadline     TEXT,                     -- exact time (Asia/Shanghai) for hour periods
    basis        TEXT NOT NULL,
    rule         TEXT NOT NULL             -- the computation's steps, one per line
);
CREATE INDEX deadlines_by_day ON deadlines(last_day);
CREATE INDEX deadlines_by_case ON deadlines(case_uid);

-- Live reception bookings and video meetings of every case (rebuildable: from filings/ in git), so a new booking is
-- checked against all of them and collisions after a merge are found with one query.
CREATE TABLE bookings (
    id           TEXT NOT NULL,
    case_uid     TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    slot_id      TEXT NOT NULL,
    holder       TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    node         TEXT NOT NULL,
    PRIMARY KEY (case_uid, id)
) WITHOUT ROWID;
CREATE INDEX bookings_by_slot ON bookings(slot_id);
