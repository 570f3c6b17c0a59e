-- Accounts, login sessions and the counters behind rate limits.

CREATE TABLE users (
    id                   bigserial   PRIMARY KEY,
    username             text        NOT NULL CHECK (username = lower(username)),
    email                text        NOT NULL,
    password_hash        text        NOT NULL,
    display_name         text        NOT NULL,
    discoverable         boolean     NOT NULL DEFAULT false,
    email_verified       boolean     NOT NULL DEFAULT false,
    avatar_attachment_id bigint,
    created_at           timestamptz NOT NULL DEFAULT now()
);
-- Login by username or e-mail, both case-insensitive; the username index also
-- serves prefix search (text_pattern_ops) for discoverable users.
CREATE UNIQUE INDEX users_username_key ON users (username text_pattern_ops);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- At most one live code per user; a resend replaces it. Stored as a hash.
CREATE TABLE email_verification_codes (
    user_id         bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    code_hash       bytea       NOT NULL,
    expires_at      timestamptz NOT NULL,
    failed_attempts integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- A login session is one refresh-token family: every refresh token descended from
-- one login. Revoking it ends the family and the access tokens that name it.
CREATE TABLE auth_sessions (
    id         bigserial   PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY,
    session_id bigint      NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Single-use, short-lived tokens for WebSocket handshakes (?token=).
CREATE TABLE ws_tokens (
    token_hash bytea       PRIMARY KEY,
    session_id bigint      NOT NULL REFERENCES auth_sessions (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);

-- Sliding-window counters shared by every instance (login failures, mails sent).
CREATE TABLE rate_limit_events (
    bucket      text        NOT NULL,
    subject     text        NOT NULL,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rate_limit_events_window ON rate_limit_events (bucket, subject, occurred_at);
CREATE INDEX rate_limit_events_age ON rate_limit_events (occurred_at);
