-- Node-local: failed query / dossier logins, for rate limiting per case number and per source (terminal, user).
CREATE TABLE query_failures (
    scope          TEXT NOT NULL,      -- 'case' or 'source'
    key            TEXT NOT NULL,
    at             REAL NOT NULL       -- seconds since 1970
);
CREATE INDEX query_failures_lookup ON query_failures(scope, key, at);
