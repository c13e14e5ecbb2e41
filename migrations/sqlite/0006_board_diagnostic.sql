-- 0006: the day a campaign was closed by hand, and the campaign the board sees as its current diagnostic.
--
-- closed_on: the day someone closed the campaign before its closing date (null when it ran to its date, or was
-- closed before this script). Pages and the dashboard show this day, not the date it was planned to close.
--
-- board_diagnostic: at most one row, the campaign the change team chose as the board's current diagnostic. It is
-- chosen deliberately: closing a campaign never changes it, so a small pulse cannot take the board's dashboard.

ALTER TABLE campaigns ADD COLUMN closed_on TEXT NULL;

CREATE TABLE board_diagnostic (
    singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id)
);
