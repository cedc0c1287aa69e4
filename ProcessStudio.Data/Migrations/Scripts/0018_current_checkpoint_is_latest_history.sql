-- A run's current checkpoint is its latest CheckpointHistory row (steps only move forward), so a step no longer
-- rewrites its Checkpoints row: that row keeps whether the run can resume (IsActive) and is written when that changes.
-- Every current state that is still held in a Checkpoints row (written before version 10) becomes a history row first.
INSERT OR IGNORE INTO CheckpointHistory (ExecutionId, Step, State, CreatedAt, BaseStep)
    SELECT ExecutionId, Step, State, UpdatedAt, BaseStep FROM Checkpoints WHERE State <> '';
UPDATE Checkpoints SET State = '' WHERE State <> '';
