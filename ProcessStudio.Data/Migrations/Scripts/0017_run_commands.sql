-- RunCommands: pause, cancel and signals for a run that another instance drives (docs/scale-out.md). The receiving
-- instance writes a row; the instance holding the run's lease claims it (State 0 -> 1, once: a claimed command is
-- never claimed again, so it is applied at most once), applies it and writes the outcome (State 2). The sender reads
-- the outcome and deletes the row; a sender that gave up first withdraws its pending row (State 3).
CREATE TABLE RunCommands (
    Id          TEXT    NOT NULL PRIMARY KEY,
    ExecutionId TEXT    NOT NULL,
    Kind        INTEGER NOT NULL,
    NodeId      TEXT    NULL,
    Payload     TEXT    NULL,
    CreatedAt   INTEGER NOT NULL,
    State       INTEGER NOT NULL,
    ClaimedBy   TEXT    NULL,
    ClaimedAt   INTEGER NULL,
    Result      INTEGER NULL,
    Status      INTEGER NULL,
    Message     TEXT    NULL,
    Subject     TEXT    NULL,
    FinishedAt  INTEGER NULL
);
CREATE INDEX IX_RunCommands_ExecutionId_State ON RunCommands (ExecutionId, State);
CREATE INDEX IX_RunCommands_CreatedAt ON RunCommands (CreatedAt);
