-- The desk (DocketDesk), node-local, never replicated and not rebuildable from git.

-- Operator accounts of this node (DeskAccounts): the name is the commit author of what the person does in the
-- desk; the password is kept only as a bcrypt hash.
CREATE TABLE desk_users (
    name           TEXT PRIMARY KEY,
    role           TEXT NOT NULL,          -- clerk, judge, court-admin (court node); lawyer, assistant (firm node)
    display_name   TEXT,
    password_hash  TEXT NOT NULL,          -- bcrypt ($2b$…)
    created_at     TEXT NOT NULL           -- UTC, ISO 8601
) WITHOUT ROWID;

-- Signed-in browsers (DeskAccounts): only the SHA-256 of the cookie's token is stored, with the session's own
-- CSRF token; a row removed is a session ended.
CREATE TABLE desk_sessions (
    token_hash     TEXT PRIMARY KEY,
    user           TEXT NOT NULL REFERENCES desk_users(name) ON DELETE CASCADE,
    csrf_token     TEXT NOT NULL,
    created_at     REAL NOT NULL,          -- Unix seconds
    expires_at     REAL NOT NULL           -- idle expiry, moved forward on use
) WITHOUT ROWID;
CREATE INDEX desk_sessions_user ON desk_sessions(user);

-- Failed sign-ins (DeskAccounts), per account name tried: five within 15 minutes lock that name for 15 minutes.
CREATE TABLE desk_signin_failures (
    name           TEXT NOT NULL,
    source         TEXT NOT NULL,          -- the client's address
    at             REAL NOT NULL           -- Unix seconds
);
CREATE INDEX desk_signin_failures_name ON desk_signin_failures(name, at);

-- Filing drafts of the firm's desk (DeskDrafts): the form as typed, kept until the case is filed.
CREATE TABLE desk_drafts (
    id             TEXT PRIMARY KEY,
    user           TEXT NOT NULL REFERENCES desk_users(name) ON DELETE CASCADE,
    form           TEXT NOT NULL,          -- JSON: field name → value, as the form sent it
    updated_at     REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX desk_drafts_user ON desk_drafts(user, updated_at);
