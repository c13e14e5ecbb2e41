-- 0007: the change points of a metric's SPC chart, each with the reason the change team gave.
--
-- A change point is the first month of a new process (a new policy, a service moved, a new way of counting): the
-- chart's mean and limits are calculated again from that month, so a sustained shift stops reading as a
-- special cause for ever, and assurance against the target is judged on the current process. The reason is shown
-- on the chart. One per metric and month.

CREATE TABLE metric_change_points (
    metric_id  TEXT NOT NULL REFERENCES metrics (id),
    period     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    PRIMARY KEY (metric_id, period)
);
