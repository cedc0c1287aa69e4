-- Run options (docs/engine.md, "Run options"): a correlation id, a run timeout and a lock key per start.

-- The caller's id for the run; filterable in the history and the API.
ALTER TABLE Executions ADD COLUMN CorrelationId TEXT NULL;
CREATE INDEX IX_Executions_CorrelationId ON Executions (CorrelationId);

-- Why a run stopped when its status alone does not say ('timedOut').
ALTER TABLE Executions ADD COLUMN StatusReason TEXT NULL;

-- The run timeout (ms) and the Unix ms past which an active run is cancelled as timed out. The deadline is stored so
-- any instance's timer finds it with one indexed query, whether or not a worker drives the run, and after a restart.
ALTER TABLE Executions ADD COLUMN TimeoutMs INTEGER NULL;
ALTER TABLE Executions ADD COLUMN DeadlineAt INTEGER NULL;
CREATE INDEX IX_Executions_Status_DeadlineAt ON Executions (Status, DeadlineAt) WHERE DeadlineAt IS NOT NULL;

-- A lock key: at most one run per key is active (pending 0, running 1, paused 2, waiting 6). The unique partial
-- index is the lock itself, so two starts racing on any number of instances cannot both hold it; the others wait as
-- queued (7), oldest first, or are refused.
INSERT INTO ExecutionStatuses (Id, Name) VALUES (7, 'queued');
ALTER TABLE Executions ADD COLUMN LockKey TEXT NULL;
CREATE UNIQUE INDEX UX_Executions_ActiveLockKey ON Executions (LockKey) WHERE LockKey IS NOT NULL AND Status IN (0, 1, 2, 6);
CREATE INDEX IX_Executions_QueuedLockKey ON Executions (LockKey, CreatedAt) WHERE LockKey IS NOT NULL AND Status = 7;
