-- Checkpoints of long runs are written as deltas on the previous step; BaseStep is null for a whole state.
ALTER TABLE "Checkpoints" ADD COLUMN "BaseStep" bigint NULL;
ALTER TABLE "CheckpointHistory" ADD COLUMN "BaseStep" bigint NULL;
