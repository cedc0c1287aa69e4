-- Waits: a run parked by Wait for approval or Wait until records when its earliest timer is due,
-- so the engine's wake-up service finds due runs with one indexed query instead of reading checkpoints.

-- Unix milliseconds (UTC); set only while the run is waiting, NULL otherwise (existing rows stay NULL).
ALTER TABLE Executions ADD COLUMN WakeAt INTEGER NULL;

CREATE INDEX IX_Executions_Status_WakeAt ON Executions (Status, WakeAt);
