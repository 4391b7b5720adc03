-- sql/bench/growth.sql: scripts/bench's growth dataset, generated inside PostgreSQL. Replaces
-- every user, message and follow with :users users, :messages messages and about :follows
-- follows (psql -v users=20000 -v messages=1100000 -v follows=1000000), skewed like a real
-- site: user ids drawn as users * random()^k, so a few low ids post and follow far more than
-- most (user 1 writes about 4% of all messages, half the users write almost nothing).
-- Message ids grow with pub_date, as the API and the pages expect. Never run by the app.
SET work_mem = '256MB';
SET maintenance_work_mem = '256MB';

TRUNCATE message, follower, users, latest RESTART IDENTITY;

INSERT INTO users (username, email, pw_hash)
SELECT 'Bench User ' || i, 'bench.user.' || i || '@example.com',
       '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hzYWx0$bm90IGEgcmVhbCBoYXNo'  -- never signs in
FROM generate_series(1, :users) AS i;

INSERT INTO message (author_id, text, pub_date, flagged)
SELECT 1 + floor(:users * power(random(), 3))::bigint,
       'Message ' || i || ': ' || substr(md5(i::text), 1, 8 + (i % 24)) || ' and more words',
       1580000000 + i * 30,
       i % 1000 = 0
FROM generate_series(1, :messages) AS i;

INSERT INTO follower (who_id, whom_id)
SELECT DISTINCT who, whom FROM (
  SELECT 1 + floor(:users * power(random(), 2))::bigint AS who,
         1 + floor(:users * power(random(), 1.5))::bigint AS whom
  FROM generate_series(1, (:follows * 1.25)::bigint)) AS pairs
WHERE who <> whom
LIMIT :follows;

VACUUM (ANALYZE) users;
VACUUM (ANALYZE) message;
VACUUM (ANALYZE) follower;
