-- 001: the data model of SPEC §2. Idempotent: safe to run again.
CREATE TABLE IF NOT EXISTS users (
  user_id  bigserial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (char_length(username) BETWEEN 1 AND 64),
  email    text NOT NULL,
  pw_hash  text NOT NULL
);

CREATE TABLE IF NOT EXISTS message (
  message_id bigserial PRIMARY KEY,
  author_id  bigint  NOT NULL REFERENCES users (user_id),
  text       text    NOT NULL,
  pub_date   bigint  NOT NULL,  -- Unix seconds
  flagged    boolean NOT NULL DEFAULT FALSE
);

CREATE TABLE IF NOT EXISTS follower (
  who_id  bigint NOT NULL REFERENCES users (user_id),
  whom_id bigint NOT NULL REFERENCES users (user_id),
  PRIMARY KEY (who_id, whom_id)
);

-- The simulator's last processed action id: one row, -1 until the first ?latest=.
CREATE TABLE IF NOT EXISTS latest (
  id    integer PRIMARY KEY CHECK (id = 1),
  value bigint  NOT NULL
);
INSERT INTO latest (id, value) VALUES (1, -1) ON CONFLICT (id) DO NOTHING;
