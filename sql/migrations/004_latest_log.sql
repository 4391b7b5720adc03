-- 004: `latest` becomes a log. Every ?latest= appends a row and the newest row is the value
-- (none: -1). As one row updated by every simulator request, it made concurrent requests
-- queue for its lock through each other's WAL flush: the scenario at concurrency 16 ran at
-- 1,480 requests/s, and at 2,260 with the update left out (docs/performance.md). The writers
-- keep the newest 1,000 rows (shared/queries.cpp). Idempotent.
ALTER TABLE latest DROP CONSTRAINT IF EXISTS latest_id_check;
ALTER TABLE latest ALTER COLUMN id TYPE bigint;
CREATE SEQUENCE IF NOT EXISTS latest_id_seq OWNED BY latest.id;
ALTER TABLE latest ALTER COLUMN id SET DEFAULT nextval('latest_id_seq');
DELETE FROM latest WHERE value = -1;  -- "nothing stored yet" is now no row at all
SELECT setval('latest_id_seq', COALESCE((SELECT max(id) FROM latest), 0) + 1, false);
