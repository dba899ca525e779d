-- Query codes are kept in plain text only as long as they must be: until the message that tells the party its code
-- has been delivered, and never beyond Node.queryCodeLifetime (30 days) after they were made. Their salted hashes
-- in the case are what verifies a query. A delivered message's text goes too (it carried the code).
ALTER TABLE query_codes ADD COLUMN issued_at REAL NOT NULL DEFAULT 0;
UPDATE query_codes SET issued_at = CAST(strftime('%s', 'now') AS REAL);
ALTER TABLE service_outbox ADD COLUMN party_id TEXT;
UPDATE service_outbox SET message = zeroblob(0) WHERE delivered_at IS NOT NULL;
