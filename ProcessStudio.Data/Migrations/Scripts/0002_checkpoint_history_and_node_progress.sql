-- Schema v2: restart-from-node, live node progress and faster log filters.

-- Node progress (fraction, done/total, message) as JSON.
ALTER TABLE NodeExecutions ADD COLUMN Progress TEXT NULL;

-- The state at the start of every step, so a run can restart from any node that ran.
CREATE TABLE CheckpointHistory (
    ExecutionId TEXT    NOT NULL REFERENCES Executions (Id) ON DELETE CASCADE,
    Step        INTEGER NOT NULL,
    State       TEXT    NOT NULL,
    CreatedAt   INTEGER NOT NULL,
    PRIMARY KEY (ExecutionId, Step)
);
-- Runs saved by v1 get their current checkpoint as the first history entry.
INSERT INTO CheckpointHistory (ExecutionId, Step, State, CreatedAt)
SELECT ExecutionId, Step, State, UpdatedAt FROM Checkpoints;

-- Log filters by level and by node within one execution.
CREATE INDEX IX_ExecutionLogs_ExecutionId_Level ON ExecutionLogs (ExecutionId, Level);
CREATE INDEX IX_ExecutionLogs_ExecutionId_NodeId ON ExecutionLogs (ExecutionId, NodeId);
