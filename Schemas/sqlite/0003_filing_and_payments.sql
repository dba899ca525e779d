-- Fee position of each case, for listings (rebuildable: derived from payments/ in git).
ALTER TABLE cases ADD COLUMN fee_assessed_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN fee_outstanding_fen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN fee_due TEXT;
ALTER TABLE cases ADD COLUMN received_on TEXT;

-- Node-local content: the query codes (诉讼服务密码) this court handed out. Only their salted hashes go into git;
-- the codes themselves are needed again only to serve the notice that carries them.
CREATE TABLE query_codes (
    case_uid       TEXT NOT NULL,
    party_id       TEXT NOT NULL,
    code           TEXT NOT NULL,
    PRIMARY KEY (case_uid, party_id)
) WITHOUT ROWID;

-- Node-local content: every payment attempt, stored before the gateway is first called, so that a retry with the
-- same idempotency key asks about the same order and never charges twice.
CREATE TABLE payment_attempts (
    idempotency_key    TEXT PRIMARY KEY,
    case_uid           TEXT NOT NULL,
    payment_id         TEXT NOT NULL,
    merchant_order_no  TEXT NOT NULL UNIQUE,
    amount_fen         INTEGER NOT NULL,
    method             TEXT NOT NULL,
    created_at         TEXT NOT NULL
) WITHOUT ROWID;
