-- 0002: what disclosure control needs: a secret per campaign that orders its comments in a stable
-- shuffle, and optional single-use invitations. PostgreSQL twin of migrations/sqlite/0002_disclosure.sql.
--
-- An invitation is stored only as the hash of its token, with its campaign and unit and whether it
-- has been used: no time, and a random primary key.

ALTER TABLE campaigns ADD COLUMN comment_key TEXT NULL;
ALTER TABLE campaigns ADD COLUMN invitations_only BIGINT NOT NULL DEFAULT 0 CHECK (invitations_only IN (0, 1));

CREATE TABLE invitations (
    token_hash   TEXT PRIMARY KEY,
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    unit_id      TEXT NOT NULL REFERENCES units (id),
    used         BIGINT NOT NULL DEFAULT 0 CHECK (used IN (0, 1))
);
CREATE INDEX ix_invitations_campaign ON invitations (campaign_id, unit_id);
