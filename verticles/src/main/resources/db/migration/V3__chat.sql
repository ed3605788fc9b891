-- Confero schema v3: in-meeting chat, durable so late joiners and reconnecting clients see history.
CREATE TABLE chat_messages (
  message_id      bigserial PRIMARY KEY,
  meeting_id      uuid NOT NULL REFERENCES meetings (meeting_id) ON DELETE CASCADE,
  participant_id  uuid NOT NULL,
  display_name    text NOT NULL,
  body            text NOT NULL CHECK (octet_length(body) BETWEEN 1 AND 4096),
  sent_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_messages_by_meeting ON chat_messages (meeting_id, message_id DESC);
