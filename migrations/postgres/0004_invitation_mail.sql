-- 0004: invitations the platform e-mails itself, so that no workspace user ever holds a token.
-- PostgreSQL twin of migrations/sqlite/0004_invitation_mail.sql.
--
-- invitation_recipients: the campaign's list of addresses, each with its unit and the hash of the
-- invitation last e-mailed to it (null until the first is sent). It is what lets a reminder skip those
-- whose invitation is spent, so whoever reads the database can tell who has answered while the campaign
-- runs: the list is deleted when the campaign closes. It is never joined to responses, which hold no
-- invitation at all. Addresses are kept in lower case, so one person cannot be listed twice.
-- invitation_outbox: one row per e-mail still to send (an invitation or a reminder), claimed by one
-- sender at a time (claimed_by, claimed_until) and retried with back-off (attempts, due_at); a row
-- leaves once its e-mail is sent, or is kept as undeliverable when the mail server refuses the address.
-- Times are ISO 8601 text in UTC, which compare correctly as text.

CREATE TABLE invitation_recipients (
    id           TEXT PRIMARY KEY,
    campaign_id  TEXT NOT NULL REFERENCES campaigns (id),
    unit_id      TEXT NOT NULL REFERENCES units (id),
    address      TEXT NOT NULL,
    token_hash   TEXT NULL,
    UNIQUE (campaign_id, address)
);

CREATE TABLE invitation_outbox (
    id             TEXT PRIMARY KEY,
    campaign_id    TEXT NOT NULL REFERENCES campaigns (id),
    recipient_id   TEXT NOT NULL REFERENCES invitation_recipients (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder')),
    attempts       BIGINT NOT NULL DEFAULT 0,
    due_at         TEXT NOT NULL,
    claimed_by     TEXT NULL,
    claimed_until  TEXT NULL,
    undeliverable  BIGINT NOT NULL DEFAULT 0 CHECK (undeliverable IN (0, 1)),
    last_error     TEXT NULL
);
CREATE INDEX ix_invitation_outbox_due ON invitation_outbox (undeliverable, due_at);
CREATE INDEX ix_invitation_outbox_campaign ON invitation_outbox (campaign_id, kind);
CREATE INDEX ix_invitation_outbox_recipient ON invitation_outbox (recipient_id);
