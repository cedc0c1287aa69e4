-- When a waiting run's earliest timer is due (Unix ms), so any instance finds due runs with one indexed query.
ALTER TABLE "Executions" ADD COLUMN "WakeAt" bigint NULL;
CREATE INDEX "IX_Executions_Status_WakeAt" ON "Executions" ("Status", "WakeAt");
