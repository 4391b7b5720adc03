-- sql/bench/follow_some.sql: makes user :user_id follow :count other users, the most prolific
-- half of them and a random rest, so its "My Timeline" (W3's signed-in /) has real work to do.
INSERT INTO follower (who_id, whom_id)
SELECT :user_id, user_id FROM (
  (SELECT author_id AS user_id FROM message WHERE author_id <> :user_id
   GROUP BY author_id ORDER BY count(*) DESC LIMIT :count / 2)
  UNION
  (SELECT user_id FROM users WHERE user_id <> :user_id ORDER BY random() LIMIT :count / 2)) AS f
ON CONFLICT DO NOTHING;
