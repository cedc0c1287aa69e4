-- WebhookPaths: which workflow owns which /hooks path (see Scripts/0022_webhook_paths.sql).
CREATE TABLE "WebhookPaths" (
    "Path"       text   NOT NULL PRIMARY KEY,
    "WorkflowId" text   NOT NULL,
    "NodeId"     text   NOT NULL,
    "ClaimedAt"  bigint NOT NULL
);
CREATE INDEX "IX_WebhookPaths_WorkflowId" ON "WebhookPaths" ("WorkflowId");
