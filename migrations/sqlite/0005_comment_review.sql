-- 0004: comments are published only after a member of the change team has reviewed them.
--
-- review: 'pending' as received, then 'published' or 'withheld'. reviewed_text: the comment after the reviewer
-- removed words (null until they do; only ever the received text with stretches replaced by "[removed]"). The
-- received text stays beside it, as answers do, for whoever holds the database. Nothing records when or by whom
-- a comment was reviewed: no date and no account, so a review cannot be lined up with when a comment arrived,
-- and comments stay apart from responses. Comments received before this script are pending: none is published
-- until someone has read it.
--
-- The comments threshold is at least 10, as the README promises, and never below the scores threshold: existing
-- campaigns below that are raised (raising a threshold only hides more), and the database refuses any other.

ALTER TABLE comments ADD COLUMN review TEXT NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'published', 'withheld'));
ALTER TABLE comments ADD COLUMN reviewed_text TEXT NULL;

UPDATE campaigns SET comment_threshold = MAX(10, score_threshold)
WHERE comment_threshold < 10 OR comment_threshold < score_threshold;

-- SQLite cannot add a CHECK to an existing table: triggers refuse what the check would.
CREATE TRIGGER campaigns_comment_threshold_on_insert BEFORE INSERT ON campaigns
WHEN NEW.comment_threshold < 10 OR NEW.comment_threshold < NEW.score_threshold
BEGIN
    SELECT RAISE(ABORT, 'comment_threshold must be at least 10 and at least score_threshold');
END;

CREATE TRIGGER campaigns_comment_threshold_on_update BEFORE UPDATE OF comment_threshold, score_threshold ON campaigns
WHEN NEW.comment_threshold < 10 OR NEW.comment_threshold < NEW.score_threshold
BEGIN
    SELECT RAISE(ABORT, 'comment_threshold must be at least 10 and at least score_threshold');
END;
