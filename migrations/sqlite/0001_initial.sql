-- 0001: the first schema: organisation structure, campaigns, anonymous responses, accounts.
--
-- Anonymity at rest: responses carry a random id and the submission date only. Tables that hold
-- respondent data are WITHOUT ROWID with random primary keys, so neither the key nor the physical
-- row order follows the order of arrival. Nothing about the device, address or time of day is kept.

CREATE TABLE units (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_id   TEXT NULL REFERENCES units (id),
    headcount   INTEGER NULL CHECK (headcount IS NULL OR headcount >= 0),
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_units_parent ON units (parent_id);

CREATE TABLE campaigns (
    id                 TEXT PRIMARY KEY,
    title              TEXT NOT NULL,
    organiser          TEXT NOT NULL,
    opens_on           TEXT NOT NULL,
    closes_on          TEXT NOT NULL,
    score_threshold    INTEGER NOT NULL CHECK (score_threshold >= 3),
    comment_threshold  INTEGER NOT NULL CHECK (comment_threshold >= 3),
    status             TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    created_at         TEXT NOT NULL
);

CREATE TABLE campaign_instruments (
    campaign_id         TEXT NOT NULL REFERENCES campaigns (id),
    instrument_id       TEXT NOT NULL,
    instrument_version  INTEGER NOT NULL,
    position            INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, instrument_id)
);

CREATE TABLE campaign_units (
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    unit_id      TEXT NOT NULL REFERENCES units (id),
    access_code  TEXT NOT NULL UNIQUE,
    PRIMARY KEY (campaign_id, unit_id)
);

-- The fingerprint of each instrument version at the time it was first used by a campaign.
-- Startup compares it with the file so a published version cannot change under existing responses.
CREATE TABLE instrument_versions (
    instrument_id       TEXT NOT NULL,
    instrument_version  INTEGER NOT NULL,
    fingerprint         TEXT NOT NULL,
    PRIMARY KEY (instrument_id, instrument_version)
);

CREATE TABLE responses (
    id            TEXT PRIMARY KEY,
    campaign_id   TEXT NOT NULL REFERENCES campaigns (id),
    unit_id       TEXT NOT NULL REFERENCES units (id),
    submitted_on  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_responses_campaign ON responses (campaign_id, unit_id);

-- One row per response and instrument: the answers as a JSON object from item id to a whole
-- number on the item's scale, "na" (not applicable) or the chosen option of a choice question.
-- The campaign and unit are repeated from the response and lead the key, so analysing a campaign
-- reads one contiguous range of rows instead of looking each response up.
CREATE TABLE answers (
    campaign_id    TEXT NOT NULL REFERENCES campaigns (id),
    response_id    TEXT NOT NULL REFERENCES responses (id),
    instrument_id  TEXT NOT NULL,
    unit_id        TEXT NOT NULL REFERENCES units (id),
    answers        TEXT NOT NULL,
    PRIMARY KEY (campaign_id, response_id, instrument_id)
) WITHOUT ROWID;

CREATE TABLE demographic_answers (
    response_id  TEXT NOT NULL REFERENCES responses (id),
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    PRIMARY KEY (response_id, question_id)
) WITHOUT ROWID;

-- Comments are deliberately not linked to a response: a comment cannot be joined to scores or
-- demographics. The random id orders them in a stable shuffle, never by arrival.
CREATE TABLE comments (
    id             TEXT PRIMARY KEY,
    campaign_id    TEXT NOT NULL REFERENCES campaigns (id),
    unit_id        TEXT NOT NULL REFERENCES units (id),
    instrument_id  TEXT NOT NULL,
    item_id        TEXT NOT NULL,
    text           TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_comments_campaign ON comments (campaign_id, unit_id);

-- Idempotency keys of stored submissions, hashed and kept apart from responses so a key cannot be
-- tied to the response it delivered.
CREATE TABLE submission_keys (
    key_hash      TEXT PRIMARY KEY,
    submitted_on  TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id               TEXT PRIMARY KEY,
    email            TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name     TEXT NOT NULL,
    password_hash    TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('administrator', 'analyst', 'board')),
    failed_attempts  INTEGER NOT NULL DEFAULT 0,
    locked_until     TEXT NULL,
    created_at       TEXT NOT NULL
);

-- One-time secrets such as the first-administrator setup token (hashed).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
