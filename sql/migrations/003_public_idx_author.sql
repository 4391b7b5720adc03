-- 003: the public timeline's index also carries author_id, so "My Timeline" can walk everyone's
-- newest messages in an index-only scan and keep those of the authors followed
-- (handlers/web/timeline.cpp). Replaces message_public_idx (same key). Idempotent.
CREATE INDEX IF NOT EXISTS message_public_author_idx
  ON message (pub_date, message_id) INCLUDE (author_id) WHERE NOT flagged;
DROP INDEX IF EXISTS message_public_idx;
