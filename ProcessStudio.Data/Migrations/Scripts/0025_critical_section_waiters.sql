-- Lock fairness (see docs/engine.md "Critical sections"): Lock nodes waiting for a key, in arrival order. A free key
-- goes to the waiter with the lowest Id. A waiter leaves when it gets the key, times out, its branch is cancelled or
-- its run finishes. No foreign key to Executions, like CriticalSectionLocks: a finished run's rows are deleted by the
-- engine, and a waiter whose run finished is passed over by the next Lock that finds it first in line.
CREATE TABLE CriticalSectionWaiters (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    Key         TEXT    NOT NULL,
    ExecutionId TEXT    NOT NULL,
    HolderId    TEXT    NOT NULL,
    NodeId      TEXT    NOT NULL,
    EnqueuedAt  INTEGER NOT NULL
);
CREATE UNIQUE INDEX IX_CriticalSectionWaiters_Key_HolderId ON CriticalSectionWaiters (Key, HolderId);
CREATE INDEX IX_CriticalSectionWaiters_Key_Id ON CriticalSectionWaiters (Key, Id);
CREATE INDEX IX_CriticalSectionWaiters_ExecutionId ON CriticalSectionWaiters (ExecutionId);
