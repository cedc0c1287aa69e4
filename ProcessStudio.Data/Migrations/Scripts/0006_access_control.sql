-- Schema v3: access control. Users sign in with a password, programs with an API key; both act under one role.
-- Every change someone makes (edit, run, pause, cancel, approve...) is kept in the audit trail.

CREATE TABLE Users (
    Id                 TEXT    NOT NULL PRIMARY KEY,
    UserName           TEXT    NOT NULL,
    NormalizedUserName TEXT    NOT NULL,
    PasswordHash       TEXT    NOT NULL,
    Role               TEXT    NOT NULL,
    IsDisabled         INTEGER NOT NULL DEFAULT 0,
    -- Changes whenever the password, role or disabled flag changes, so older sign-in cookies stop working.
    SecurityStamp      TEXT    NOT NULL,
    CreatedAt          INTEGER NOT NULL,
    UpdatedAt          INTEGER NOT NULL
);
CREATE UNIQUE INDEX IX_Users_NormalizedUserName ON Users (NormalizedUserName);

CREATE TABLE ApiKeys (
    Id         TEXT    NOT NULL PRIMARY KEY,
    Name       TEXT    NOT NULL,
    -- The first characters of the key, shown in lists so people can tell keys apart; the key itself is never stored.
    Prefix     TEXT    NOT NULL,
    -- SHA-256 (hex) of the whole key.
    Hash       TEXT    NOT NULL,
    Role       TEXT    NOT NULL,
    CreatedBy  TEXT    NOT NULL,
    CreatedAt  INTEGER NOT NULL,
    LastUsedAt INTEGER NULL,
    RevokedAt  INTEGER NULL
);
CREATE UNIQUE INDEX IX_ApiKeys_Hash ON ApiKeys (Hash);

CREATE TABLE AuditEntries (
    Id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Timestamp  INTEGER NOT NULL,
    Actor      TEXT    NOT NULL,
    Action     TEXT    NOT NULL,
    TargetType TEXT    NOT NULL,
    TargetId   TEXT    NULL,
    TargetName TEXT    NULL,
    Detail     TEXT    NULL
);
CREATE INDEX IX_AuditEntries_Timestamp ON AuditEntries (Timestamp);
CREATE INDEX IX_AuditEntries_TargetId ON AuditEntries (TargetId);
