-- The socket connection a message was sent from (NULL for REST sends). Not part of the
-- API: when an instance fills a gap in a room's stream from the database, it uses this to
-- keep the message from the connection that sent it, which gets an ACK instead.
ALTER TABLE messages ADD COLUMN origin bigint;
