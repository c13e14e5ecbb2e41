-- 0008: accounts an administrator can disable (and enable again), and a session version that ends every session of an
-- account when it is disabled, its role changes or its password is reset: a session cookie carries the version it was
-- issued with, and each request checks it against the account.

ALTER TABLE users ADD COLUMN disabled BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
ALTER TABLE users ADD COLUMN session_version BIGINT NOT NULL DEFAULT 0;
