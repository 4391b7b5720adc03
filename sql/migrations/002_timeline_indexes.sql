-- 002: indexes for every timeline query (newest first, unflagged only), so no route
-- scans `message` sequentially. Idempotent.

-- Public timeline and GET /msgs: scanned backwards in (pub_date, message_id) order.
CREATE INDEX IF NOT EXISTS message_public_idx
  ON message (pub_date, message_id) WHERE NOT flagged;

-- One author's messages (user page, GET /msgs/<user>, the "my timeline" union).
CREATE INDEX IF NOT EXISTS message_author_idx
  ON message (author_id, pub_date, message_id) WHERE NOT flagged;

-- Who follows whom: the primary key serves "whom does X follow"; this one the reverse.
CREATE INDEX IF NOT EXISTS follower_whom_idx ON follower (whom_id);
