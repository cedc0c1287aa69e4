-- Checkpoints of long runs are written as deltas on the previous step (see docs/engine.md, "Checkpoints").
-- BaseStep is null for a whole state, as every checkpoint written before this version is.
ALTER TABLE Checkpoints ADD COLUMN BaseStep INTEGER NULL;
ALTER TABLE CheckpointHistory ADD COLUMN BaseStep INTEGER NULL;
