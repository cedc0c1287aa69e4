-- SignInAttempts: failed sign-ins per user name (its normalised key) and client address, so a lockout counts the
-- failures made on every instance sharing the database. WindowStart and LockedUntil are Unix milliseconds.
CREATE TABLE SignInAttempts (
    UserKey     TEXT    NOT NULL,
    Client      TEXT    NOT NULL,
    Failures    INTEGER NOT NULL,
    WindowStart INTEGER NOT NULL,
    LockedUntil INTEGER NULL,
    PRIMARY KEY (UserKey, Client)
);
CREATE INDEX IX_SignInAttempts_WindowStart ON SignInAttempts (WindowStart);
