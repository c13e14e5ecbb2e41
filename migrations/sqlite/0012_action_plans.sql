-- 0012: Phase 3 action plans. An action develops one cultural element (often with a catalogue intervention chosen in
-- the synthesis), has an owner by name and role (not necessarily an account), covers units, starts and is due on
-- dates, has a status, and names the measures (survey scales, metrics) that will show whether it works.

CREATE TABLE actions (
    id            TEXT PRIMARY KEY,
    title         TEXT NOT NULL,
    element       TEXT NOT NULL,
    intervention  TEXT NULL,
    owner_name    TEXT NOT NULL,
    owner_role    TEXT NULL,
    starts_on     TEXT NOT NULL,
    due_on        TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'stopped')),
    notes         TEXT NULL,
    created_at    TEXT NOT NULL
);

CREATE TABLE action_units (
    action_id  TEXT NOT NULL REFERENCES actions (id),
    unit_id    TEXT NOT NULL REFERENCES units (id),
    PRIMARY KEY (action_id, unit_id)
);

CREATE TABLE action_measures (
    action_id  TEXT NOT NULL REFERENCES actions (id),
    kind       TEXT NOT NULL CHECK (kind IN ('scale', 'metric')),
    reference  TEXT NOT NULL,
    PRIMARY KEY (action_id, kind, reference)
);
