-- WebhookPaths: which workflow owns which /hooks path (normalised: lower case, no slashes at the ends). The primary
-- key makes ownership exclusive across every instance sharing the database: of two saves claiming one path at once,
-- one fails. Rows follow the latest version of each workflow; existing workflows are claimed at the next start.
CREATE TABLE WebhookPaths (
    Path       TEXT    NOT NULL PRIMARY KEY,
    WorkflowId TEXT    NOT NULL,
    NodeId     TEXT    NOT NULL,
    ClaimedAt  INTEGER NOT NULL
);
CREATE INDEX IX_WebhookPaths_WorkflowId ON WebhookPaths (WorkflowId);
