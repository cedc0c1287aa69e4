-- The outbox (docs/engine.md, "The outbox"): a reaction owed to a committed change, written in the transaction of
-- that change and delivered by a dispatcher until a handler accepts it.
-- State: 0 pending, 1 done, 2 failed (kept for an operator to see). Times are Unix milliseconds.
-- ClaimedBy / ClaimedUntil: the dispatcher holding the row and its lease; an expired lease frees the row, so a
-- dispatcher that dies loses nothing (on PostgreSQL the claim can add FOR UPDATE SKIP LOCKED).
-- ExecutionId has no foreign key: a row may outlive its run (retention), and its handler then finds nothing to do.
CREATE TABLE Outbox (
    Id             TEXT    NOT NULL PRIMARY KEY,
    Type           TEXT    NOT NULL,
    ExecutionId    TEXT    NULL,
    SubscriptionId TEXT    NULL,
    Payload        TEXT    NOT NULL,
    CreatedAt      INTEGER NOT NULL,
    State          INTEGER NOT NULL,
    Attempts       INTEGER NOT NULL,
    NextAttemptAt  INTEGER NOT NULL,
    ClaimedBy      TEXT    NULL,
    ClaimedUntil   INTEGER NULL,
    LastError      TEXT    NULL,
    FinishedAt     INTEGER NULL
);
CREATE INDEX IX_Outbox_State_NextAttemptAt ON Outbox (State, NextAttemptAt);
CREATE INDEX IX_Outbox_ExecutionId ON Outbox (ExecutionId);
CREATE INDEX IX_Outbox_SubscriptionId_CreatedAt ON Outbox (SubscriptionId, CreatedAt);
