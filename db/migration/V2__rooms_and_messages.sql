-- Rooms, memberships, messages and invite links.

CREATE TABLE rooms (
    id              bigserial   PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('group', 'direct')),
    name            text        NOT NULL,
    slug            text        UNIQUE,
    visibility      text        NOT NULL CHECK (visibility IN ('public', 'private')),
    -- the seq of the newest message; a message's seq is allocated by bumping this
    -- under the row lock, in the transaction that inserts it (no gaps, no reordering)
    last_seq        bigint      NOT NULL DEFAULT 0,
    -- newest activity (last message, else creation): orders the inbox
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    -- direct rooms: "smallerUserId:largerUserId", so a pair always gets the same room
    direct_key      text        UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'direct') = (direct_key IS NOT NULL)),
    CHECK (kind = 'direct' OR slug IS NOT NULL)
);
-- Discovery of public group rooms by name or slug prefix.
CREATE INDEX rooms_public_slug ON rooms (slug text_pattern_ops) WHERE visibility = 'public' AND kind = 'group';

CREATE TABLE memberships (
    room_id       bigint      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    user_id       bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role          text        NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    joined_at     timestamptz NOT NULL DEFAULT now(),
    -- read marker: never moves back
    last_read_seq bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);
-- The inbox: my rooms.
CREATE INDEX memberships_user ON memberships (user_id, room_id);

CREATE TABLE messages (
    id                bigserial   PRIMARY KEY,
    room_id           bigint      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    seq               bigint      NOT NULL,
    sender_id         bigint      NOT NULL REFERENCES users (id),
    kind              text        NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'image')),
    content           text        NOT NULL,
    attachment_id     bigint,
    client_message_id text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    edited_at         timestamptz,
    deleted           boolean     NOT NULL DEFAULT false,
    -- serves history pages (before/after a seq), catch-up and the last message of a
    -- room as index range scans
    CONSTRAINT messages_room_seq_key UNIQUE (room_id, seq),
    -- idempotent sends
    CONSTRAINT messages_client_id_key UNIQUE (room_id, sender_id, client_message_id)
);

CREATE TABLE invite_links (
    code       text        PRIMARY KEY,
    room_id    bigint      NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    created_by bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    max_uses   integer,
    uses       integer     NOT NULL DEFAULT 0,
    revoked_at timestamptz
);
CREATE INDEX invite_links_room ON invite_links (room_id);
