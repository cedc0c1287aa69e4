-- Schema v2 on PostgreSQL: restart-from-node, live node progress and faster log filters.
ALTER TABLE "NodeExecutions" ADD COLUMN "Progress" text NULL;

CREATE TABLE "CheckpointHistory" (
    "ExecutionId" text   NOT NULL REFERENCES "Executions" ("Id") ON DELETE CASCADE,
    "Step"        bigint NOT NULL,
    "State"       text   NOT NULL,
    "CreatedAt"   bigint NOT NULL,
    PRIMARY KEY ("ExecutionId", "Step")
);
INSERT INTO "CheckpointHistory" ("ExecutionId", "Step", "State", "CreatedAt")
SELECT "ExecutionId", "Step", "State", "UpdatedAt" FROM "Checkpoints";

CREATE INDEX "IX_ExecutionLogs_ExecutionId_Level" ON "ExecutionLogs" ("ExecutionId", "Level");
CREATE INDEX "IX_ExecutionLogs_ExecutionId_NodeId" ON "ExecutionLogs" ("ExecutionId", "NodeId");
