-- 0001: the first schema: organisation structure, campaigns, anonymous responses, accounts.
-- PostgreSQL twin of migrations/sqlite/0001_initial.sql: the same tables, columns and keys, so the
-- stores run the same SQL on both. INTEGER becomes BIGINT (SQLite integers are 64-bit) and dates
-- stay ISO text, as in SQLite.
--
-- Anonymity at rest: responses carry a random id and the submission date only; the respondent
-- tables have random primary keys and no serial column or default that follows arrival. (SQLite's
-- WITHOUT ROWID has no PostgreSQL equivalent: the server's own row versions record the order rows
-- were written in; the README says what that means for who may read the database directly.)

-- E-mail addresses compare without regard to case, as SQLite's COLLATE NOCASE does.
CREATE COLLATION case_insensitive (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_id   TEXT NULL REFERENCES units (id),
    headcount   BIGINT NULL CHECK (headcount IS NULL OR headcount >= 0),
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_units_parent ON units (parent_id);

CREATE TABLE campaigns (
    id                 TEXT PRIMARY KEY,
    title              TEXT NOT NULL,
    organiser          TEXT NOT NULL,
    opens_on           TEXT NOT NULL,
    closes_on          TEXT NOT NULL,
    score_threshold    BIGINT NOT NULL CHECK (score_threshold >= 3),
    comment_threshold  BIGINT NOT NULL CHECK (comment_threshold >= 3),
    status             TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    created_at         TEXT NOT NULL
);

CREATE TABLE campaign_instruments (
    campaign_id         TEXT NOT NULL REFERENCES campaigns (id),
    instrument_id       TEXT NOT NULL,
    instrument_version  BIGINT NOT NULL,
    position            BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, instrument_id)
);

CREATE TABLE campaign_units (
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    unit_id      TEXT NOT NULL REFERENCES units (id),
    access_code  TEXT NOT NULL UNIQUE,
    PRIMARY KEY (campaign_id, unit_id)
);

CREATE TABLE instrument_versions (
    instrument_id       TEXT NOT NULL,
    instrument_version  BIGINT NOT NULL,
    fingerprint         TEXT NOT NULL,
    PRIMARY KEY (instrument_id, instrument_version)
);

CREATE TABLE responses (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES campaigns (id),
    unit_id       TEXT NOT NULL REFERENCES units (id),
    submitted_on  TEXT NOT NULL
);
CREATE INDEX ix_responses_campaign ON responses (campaign_id, unit_id);

CREATE TABLE answers (
    campaign_id    TEXT NOT NULL REFERENCES campaigns (id),
    response_id    TEXT NOT NULL REFERENCES responses (id),
    instrument_id  TEXT NOT NULL,
    unit_id        TEXT NOT NULL REFERENCES units (id),
    answers        TEXT NOT NULL,
    PRIMARY KEY (campaign_id, response_id, instrument_id)
);

CREATE TABLE demographic_answers (
    response_id  TEXT NOT NULL REFERENCES responses (id),
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (response_id, question_id)
);

CREATE TABLE comments (
    id             TEXT PRIMARY KEY,
    campaign_id    TEXT NOT NULL REFERENCES campaigns (id),
    unit_id        TEXT NOT NULL REFERENCES units (id),
    instrument_id  TEXT NOT NULL,
    item_id        TEXT NOT NULL,
    text           TEXT NOT NULL
);
CREATE INDEX ix_comments_campaign ON comments (campaign_id, unit_id);

-- The primary key decides a race between instances: of two submissions with the same key, the
-- second waits for the first to commit and then inserts nothing.
CREATE TABLE submission_keys (
    key_hash      TEXT PRIMARY KEY,
    submitted_on  TEXT NOT NULL
);

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    email            TEXT COLLATE case_insensitive NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('administrator', 'analyst', 'board')),
    failed_attempts  BIGINT NOT NULL DEFAULT 0,
    locked_until     TEXT NULL,
    created_at       TEXT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
