-- 0009: the unit-lead role. A unit lead reads the results of one unit and every unit below it, under the same
-- disclosure rules as everyone else; the unit is the account's. SQLite cannot change a CHECK constraint in place,
-- so the table is rebuilt with the wider list of roles (nothing refers to it by a foreign key).

CREATE TABLE users_new (
    id               TEXT PRIMARY KEY,
    email            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('administrator', 'analyst', 'board', 'unit-lead')),
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT NULL,
    created_at       TEXT NOT NULL,
    disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    session_version  INTEGER NOT NULL DEFAULT 0,
    unit_id          TEXT NULL REFERENCES units (id),
    CHECK ((role = 'unit-lead') = (unit_id IS NOT NULL))
);

INSERT INTO users_new (id, email, display_name, password_hash, role, failed_attempts, locked_until, created_at, disabled, session_version)
SELECT id, email, display_name, password_hash, role, failed_attempts, locked_until, created_at, disabled, session_version FROM users;

DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
