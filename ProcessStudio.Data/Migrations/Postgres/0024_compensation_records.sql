-- Whether a node record belongs to a rollback (see Scripts/0024_compensation_records.sql).
ALTER TABLE "NodeExecutions" ADD COLUMN "Compensation" boolean NOT NULL DEFAULT false;

-- The statuses a rollback ends in (ExecutionStatus.Compensated and CompensationFailed).
INSERT INTO "ExecutionStatuses" ("Id", "Name") VALUES (8, 'compensated'), (9, 'compensationfailed');
