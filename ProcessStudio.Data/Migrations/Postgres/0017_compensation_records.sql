-- Whether a node record belongs to a rollback (see Scripts/0017_compensation_records.sql).
ALTER TABLE "NodeExecutions" ADD COLUMN "Compensation" boolean NOT NULL DEFAULT false;
