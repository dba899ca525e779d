-- Node-local content: messages waiting to be delivered. A row stays until its message was handed over; failures
-- are retried with backoff, so nothing is lost across restarts. A row claimed by a process that died is taken up
-- again (at-least-once delivery; the Message-ID stays the same so a mail system can drop the duplicate).
CREATE TABLE service_outbox (
    id                 TEXT PRIMARY KEY,     -- the service record id
    case_uid           TEXT NOT NULL,
    channel            TEXT NOT NULL,
    address            TEXT NOT NULL,
    message            BLOB NOT NULL,        -- the complete RFC 5322 message, or the SMS text
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    REAL NOT NULL,        -- seconds since 1970
    last_error         TEXT,
    claimed_by         INTEGER,              -- pid of the process delivering it
    delivered_at       REAL
) WITHOUT ROWID;
CREATE INDEX service_outbox_due ON service_outbox(delivered_at, next_attempt_at);
