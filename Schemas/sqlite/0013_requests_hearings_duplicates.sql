-- Service requests of every case (rebuildable: from filings/ in git), so the clerk's queue of what waits for the
-- court is one query over all cases. `awaiting` is 'court' when the request's next move is the court's.
CREATE TABLE requests (
    case_uid     TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    state        TEXT NOT NULL,
    applicant    TEXT,                     -- party id, or NULL for a request made for no party
    awaiting     TEXT,                     -- 'court' or 'party'; NULL when nothing more can happen
    summary      TEXT NOT NULL,            -- one line in Chinese: who asks for what
    subject      TEXT,                     -- what it is about across cases: the judgment an enforcement enforces
    created_at   TEXT NOT NULL,            -- hybrid clock text
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (case_uid, id)
) WITHOUT ROWID;
CREATE INDEX requests_awaiting ON requests(awaiting, created_at);
CREATE INDEX requests_subject ON requests(subject) WHERE subject IS NOT NULL;

-- Scheduled hearings of every case (rebuildable: from hearings/ in git), so a courtroom or a judge is never booked
-- twice across the court's cases, and collisions after a merge are found with one query.
CREATE TABLE hearings (
    case_uid     TEXT NOT NULL REFERENCES cases(uid) ON DELETE CASCADE,
    id           TEXT NOT NULL,
    starts_at    TEXT NOT NULL,            -- Asia/Shanghai wall time, YYYY-MM-DDTHH:MM
    ends_at      TEXT NOT NULL,
    place        TEXT,
    judge        TEXT,
    created_at   TEXT NOT NULL,            -- hybrid clock text: which of two colliding hearings came first
    node         TEXT NOT NULL,
    PRIMARY KEY (case_uid, id)
) WITHOUT ROWID;
CREATE INDEX hearings_by_time ON hearings(starts_at);

-- What makes two filings the same (court, parties by role and identity, claim): a filer is warned before filing
-- the same case twice, and the clerk sees the duplicates (rebuildable, like every column of cases).
ALTER TABLE cases ADD COLUMN filing_key TEXT;
CREATE INDEX cases_filing_key ON cases(filing_key);

-- The outbox keeps what happened to each message: when it was queued, and — for a message whose service record
-- never reached the case (the commit failed after queueing) — why it will not be sent. Nothing is deleted by a
-- delivery pass.
ALTER TABLE service_outbox ADD COLUMN queued_at REAL;
ALTER TABLE service_outbox ADD COLUMN abandoned TEXT;
