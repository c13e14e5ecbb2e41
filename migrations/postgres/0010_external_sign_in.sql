-- 0010: sign-in with the organisation's identity provider (OpenID Connect) beside local passwords. An account is linked
-- to one identity there by the provider's issuer and the person's subject (stable, unlike an e-mail address); an account
-- the provider created on first sign-in has no password of its own (has_password = 0: its stored hash is of a random
-- secret nobody knows) until an administrator sets one.

ALTER TABLE users ADD COLUMN external_issuer TEXT NULL;
ALTER TABLE users ADD COLUMN external_subject TEXT NULL;
ALTER TABLE users ADD COLUMN has_password BIGINT NOT NULL DEFAULT 1 CHECK (has_password IN (0, 1));

CREATE UNIQUE INDEX users_external_identity ON users (external_issuer, external_subject);
