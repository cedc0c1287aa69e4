-- SignInAttempts: failed sign-ins per user and client address (see Scripts/0023_sign_in_attempts.sql).
CREATE TABLE "SignInAttempts" (
    "UserKey"     text    NOT NULL,
    "Client"      text    NOT NULL,
    "Failures"    integer NOT NULL,
    "WindowStart" bigint  NOT NULL,
    "LockedUntil" bigint  NULL,
    PRIMARY KEY ("UserKey", "Client")
);
CREATE INDEX "IX_SignInAttempts_WindowStart" ON "SignInAttempts" ("WindowStart");
