-- Discovery matches a prefix of the name as well as of the slug (case-insensitively);
-- rooms_public_slug serves the slug side, this index the name side.
CREATE INDEX rooms_public_name ON rooms (lower(name) text_pattern_ops) WHERE visibility = 'public' AND kind = 'group';
