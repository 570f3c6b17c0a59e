-- Unread counts of rooms with many unread messages: "messages of others after my read
-- marker" is (last_seq - last_read_seq) minus my own messages after the marker, and the
-- idempotency index (room_id, sender_id, client_message_id) now carries seq, so counting
-- my own messages in a room reads that index alone instead of every unread message.
ALTER TABLE messages
    DROP CONSTRAINT messages_client_id_key,
    ADD CONSTRAINT messages_client_id_key UNIQUE (room_id, sender_id, client_message_id) INCLUDE (seq);
