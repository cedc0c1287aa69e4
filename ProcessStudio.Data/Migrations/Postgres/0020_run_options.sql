-- Run options: a correlation id, a run timeout and a lock key per start (see Scripts/0020_run_options.sql).
ALTER TABLE "Executions" ADD COLUMN "CorrelationId" text NULL;
CREATE INDEX "IX_Executions_CorrelationId" ON "Executions" ("CorrelationId");

ALTER TABLE "Executions" ADD COLUMN "StatusReason" text NULL;

ALTER TABLE "Executions" ADD COLUMN "TimeoutMs" bigint NULL;
ALTER TABLE "Executions" ADD COLUMN "DeadlineAt" bigint NULL;
CREATE INDEX "IX_Executions_Status_DeadlineAt" ON "Executions" ("Status", "DeadlineAt") WHERE "DeadlineAt" IS NOT NULL;

-- The unique partial index is the lock: one active run (pending, running, paused, waiting) per key across instances.
INSERT INTO "ExecutionStatuses" ("Id", "Name") VALUES (7, 'queued');
ALTER TABLE "Executions" ADD COLUMN "LockKey" text NULL;
CREATE UNIQUE INDEX "UX_Executions_ActiveLockKey" ON "Executions" ("LockKey") WHERE "LockKey" IS NOT NULL AND "Status" IN (0, 1, 2, 6);
CREATE INDEX "IX_Executions_QueuedLockKey" ON "Executions" ("LockKey", "CreatedAt") WHERE "LockKey" IS NOT NULL AND "Status" = 7;
