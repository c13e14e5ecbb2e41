-- 0003: the diagnostics besides the surveys, and the synthesis.
--
-- metrics / metric_values: the culture and outcomes dashboard (monthly series such as sickness
-- absence or turnover), each tied to a cultural element, with its better direction and optional target.
-- findings: coded findings from focus groups, board interviews, the leadership workforce analysis and
-- patient experience. synthesis_cells / synthesis_elements: the change team's conclusions per cell of
-- the elements x sources matrix, and its judgement per element (null: take the suggestion from evidence).
-- None of these tables holds respondent data.

CREATE TABLE metrics (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    element     TEXT NOT NULL,
    direction   TEXT NOT NULL CHECK (direction IN ('increase', 'decrease', 'neutral')),
    target      REAL NULL,
    unit        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE metric_values (
    metric_id  TEXT NOT NULL REFERENCES metrics (id),
    period     TEXT NOT NULL,
    value      REAL NOT NULL,
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
