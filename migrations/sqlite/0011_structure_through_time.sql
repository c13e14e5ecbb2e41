-- 0011: the structure through time. A unit keeps its id and code for ever; its name, parent and headcount change
-- from a date on (unit_versions: one row per change, the units row being its first state), or it is retired. Units
-- made by a merger or a split start on a date (units.starts_on). structure_changes lists each change in words.
-- campaign_structure keeps the structure each campaign ran with, taken when it opens, so that an old wave's results,
-- comparisons and workbook never change when the tree does. Campaigns opened before this had none: they take the
-- structure as it stands now, which is the one they ran with unless it had been changed in place.

ALTER TABLE units ADD COLUMN starts_on TEXT NULL;

CREATE TABLE unit_versions (
    unit_id       TEXT NOT NULL REFERENCES units (id),
    effective_on  TEXT NOT NULL,
    name          TEXT NOT NULL,
    parent_id     TEXT NULL REFERENCES units (id),
    headcount     INTEGER NULL CHECK (headcount IS NULL OR headcount >= 0),
    retired       INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    PRIMARY KEY (unit_id, effective_on)
);

CREATE TABLE structure_changes (
    id            TEXT PRIMARY KEY,
    effective_on  TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('move', 'rename', 'retire', 'merge', 'split')),
    summary       TEXT NOT NULL,
    recorded_at   TEXT NOT NULL
);

CREATE TABLE campaign_structure (
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    unit_id      TEXT NOT NULL REFERENCES units (id),
    name         TEXT NOT NULL,
    parent_id    TEXT NULL,
    headcount    INTEGER NULL,
    PRIMARY KEY (campaign_id, unit_id)
);

INSERT INTO campaign_structure (campaign_id, unit_id, name, parent_id, headcount)
SELECT c.id, u.id, u.name, u.parent_id, u.headcount FROM campaigns c CROSS JOIN units u WHERE c.status <> 'draft';
