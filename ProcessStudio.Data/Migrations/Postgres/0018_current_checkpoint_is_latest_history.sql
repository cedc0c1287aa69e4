-- A run's current checkpoint is its latest CheckpointHistory row (see Scripts/0018_current_checkpoint_is_latest_history.sql).
INSERT INTO "CheckpointHistory" ("ExecutionId", "Step", "State", "CreatedAt", "BaseStep")
    SELECT "ExecutionId", "Step", "State", "UpdatedAt", "BaseStep" FROM "Checkpoints" WHERE "State" <> ''
    ON CONFLICT ("ExecutionId", "Step") DO NOTHING;
UPDATE "Checkpoints" SET "State" = '' WHERE "State" <> '';
