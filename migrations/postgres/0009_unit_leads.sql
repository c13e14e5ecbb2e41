-- 0009: the unit-lead role. A unit lead reads the results of one unit and every unit below it, under the same
-- disclosure rules as everyone else; the unit is the account's.

ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('administrator', 'analyst', 'board', 'unit-lead'));
ALTER TABLE users ADD COLUMN unit_id TEXT NULL REFERENCES units (id);
ALTER TABLE users ADD CONSTRAINT users_unit_lead_check CHECK ((role = 'unit-lead') = (unit_id IS NOT NULL));
