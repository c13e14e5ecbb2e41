-- 0003: the diagnostics besides the surveys, and the synthesis. PostgreSQL twin of
-- migrations/sqlite/0003_diagnostics.sql (SQLite's REAL is a double: DOUBLE PRECISION here).
-- None of these tables holds respondent data.

CREATE TABLE metrics (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    element     TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'neutral')),
    target      DOUBLE PRECISION NULL,
    unit        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE metric_values (
    metric_id  TEXT NOT NULL REFERENCES metrics (id),
    period     TEXT NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (metric_id, period)
);

CREATE TABLE findings (
    id          TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    element     TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('strength', 'area-to-develop')),
    evidence    TEXT NOT NULL,
    found_on    TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX ix_findings_element ON findings (element, source);

CREATE TABLE synthesis_cells (
    element     TEXT NOT NULL,
    source      TEXT NOT NULL,
    conclusion  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (element, source)
);

CREATE TABLE synthesis_elements (
    element     TEXT PRIMARY KEY,
    judgement   TEXT NOT NULL CHECK (judgement IN ('strength', 'area-to-develop', 'mixed')),
    updated_at  TEXT NOT NULL
);
