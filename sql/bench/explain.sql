-- sql/bench/explain.sql: the plans of the hot queries as the handlers run them (prepared,
-- generic plans; sql/postgresql.conf), for the heaviest user :user_id and a signed-in user
-- :me (psql -v user_id=1 -v me=20001). docs/performance.md shows them on the growth dataset.
PREPARE find_user(text) AS SELECT user_id FROM users WHERE username = $1;
PREPARE public_messages(bigint, bigint, bigint) AS
  SELECT m.message_id, u.username, u.email, m.text, m.pub_date
  FROM message m JOIN users u ON u.user_id = m.author_id
  WHERE NOT m.flagged AND (m.pub_date, m.message_id) <
    (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $2), $3::bigint), $2)
  ORDER BY m.pub_date DESC, m.message_id DESC LIMIT $1;
PREPARE author_by_name(text, bigint, bigint, bigint) AS
  SELECT a.user_id, m.message_id, a.username, a.email, m.text, m.pub_date
  FROM users a LEFT JOIN LATERAL (
    SELECT message_id, text, pub_date FROM message
    WHERE author_id = a.user_id AND NOT flagged AND (pub_date, message_id) <
      (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $3), $4::bigint), $3)
    ORDER BY pub_date DESC, message_id DESC LIMIT $2) m ON TRUE
  WHERE a.username = $1;
PREPARE follows(text, bigint) AS
  SELECT w.username FROM users u LEFT JOIN LATERAL (
    SELECT v.username FROM follower f JOIN users v ON v.user_id = f.whom_id
    WHERE f.who_id = u.user_id ORDER BY f.whom_id LIMIT $2) w ON TRUE
  WHERE u.username = $1;
PREPARE recent_of_followed(bigint, bigint, bigint, bigint, bigint) AS
  SELECT m.message_id, u.username, u.email, m.text, m.pub_date FROM (
    SELECT w.message_id, w.pub_date FROM (
      SELECT message_id, pub_date, author_id FROM message
      WHERE NOT flagged AND (pub_date, message_id) <
        (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $3), $4::bigint), $3)
      ORDER BY pub_date DESC, message_id DESC LIMIT $5) w
    WHERE w.author_id = $1 OR w.author_id IN (SELECT whom_id FROM follower WHERE who_id = $1)
    ORDER BY w.pub_date DESC, w.message_id DESC LIMIT $2) t
  JOIN message m ON m.message_id = t.message_id
  JOIN users u ON u.user_id = m.author_id
  ORDER BY t.pub_date DESC, t.message_id DESC;
PREPARE my_timeline(bigint, bigint, bigint, bigint) AS
  SELECT m.message_id, u.username, u.email, m.text, m.pub_date FROM (
    SELECT p.message_id, p.pub_date
    FROM (SELECT $1::bigint AS author_id UNION SELECT whom_id FROM follower WHERE who_id = $1) a
    CROSS JOIN LATERAL (
      SELECT message_id, pub_date FROM message
      WHERE author_id = a.author_id AND NOT flagged AND (pub_date, message_id) <
        (SELECT COALESCE((SELECT pub_date FROM message WHERE message_id = $3), $4::bigint), $3)
      ORDER BY pub_date DESC, message_id DESC LIMIT $2) p
    ORDER BY p.pub_date DESC, p.message_id DESC LIMIT $2) t
  JOIN message m ON m.message_id = t.message_id
  JOIN users u ON u.user_id = m.author_id
  ORDER BY t.pub_date DESC, t.message_id DESC;

SELECT username AS user_name FROM users WHERE user_id = :user_id \gset
\echo '-- POST /fllws/<user>, GET /<user>/follow: the user by name'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE find_user(:'user_name');
\echo '-- GET /msgs?no=100 (and /public with 31)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE public_messages(100, 9223372036854775807, 9223372036854775807);
\echo '-- GET /public?before=<an id deep in the table>'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE public_messages(31, 500000, 9223372036854775807);
\echo '-- GET /msgs/<user>?no=20 for the most prolific author (and /<user> with 31): user and messages at once'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE author_by_name(:'user_name', 20, 9223372036854775807, 9223372036854775807);
\echo '-- GET /fllws/<user> for the user who follows the most: user and follows at once'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE follows(:'user_name', 100);
\echo '-- GET / signed in, first try (the newest 1,000 of everyone): the bench user (100 follows)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE recent_of_followed(:me, 31, 9223372036854775807, 9223372036854775807, 1000);
\echo '-- GET / signed in, first try: the user who follows the most'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE recent_of_followed(:user_id, 31, 9223372036854775807, 9223372036854775807, 1000);
\echo '-- GET / signed in, when the first try finds too few: per followed author (the bench user)'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE my_timeline(:me, 31, 9223372036854775807, 9223372036854775807);
\echo '-- the same for the user who follows the most'
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE my_timeline(:user_id, 31, 9223372036854775807, 9223372036854775807);
