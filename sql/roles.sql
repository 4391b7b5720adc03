-- The application's role and database. Run by scripts/migrate as the superuser; idempotent.
SET client_min_messages = warning;
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'minitwit') THEN
    CREATE ROLE minitwit LOGIN;
  END IF;
END $$;
SELECT 'CREATE DATABASE minitwit OWNER minitwit'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'minitwit')\gexec
