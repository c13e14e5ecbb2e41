-- 0100 (PostgreSQL only): the ASP.NET Core data-protection key ring, shared by every instance so
-- that a sign-in cookie or a sealed survey page issued by one instance opens on any other. With
-- SQLite the keys stay in files beside the database. Numbered apart from the scripts that mirror
-- migrations/sqlite so those keep their numbers.

CREATE TABLE data_protection_keys (
    name  TEXT PRIMARY KEY,
    xml   TEXT NOT NULL
);
