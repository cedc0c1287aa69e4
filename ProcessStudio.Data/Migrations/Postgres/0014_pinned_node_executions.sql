-- Whether a test run used a node's pinned output (see Scripts/0014_pinned_node_executions.sql).
ALTER TABLE "NodeExecutions" ADD COLUMN "Pinned" boolean NOT NULL DEFAULT false;
