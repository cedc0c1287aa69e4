-- Critical-section locks (Lock / Unlock nodes, see docs/engine.md "Critical sections"): one row per held key.
-- Key: "global:<key>" (shared by every run) or "run:<executionId>:<key>" (one run's branches).
-- HolderId: the id the Lock node committed before asking, so its repeat after a crash is the same holder.
-- No foreign key to Executions: a finished run's locks are released by the engine, and a Lock node takes over a lock
-- whose holder run has finished or is gone.
CREATE TABLE CriticalSectionLocks (
    Key         TEXT    NOT NULL PRIMARY KEY,
    ExecutionId TEXT    NOT NULL,
    HolderId    TEXT    NOT NULL,
    NodeId      TEXT    NOT NULL,
    AcquiredAt  INTEGER NOT NULL
);
CREATE INDEX IX_CriticalSectionLocks_ExecutionId ON CriticalSectionLocks (ExecutionId);
