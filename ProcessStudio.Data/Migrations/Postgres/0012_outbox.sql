-- The outbox (see Scripts/0012_outbox.sql).
CREATE TABLE "Outbox" (
    "Id"             text    NOT NULL PRIMARY KEY,
    "Type"           text    NOT NULL,
    "ExecutionId"    text    NULL,
    "SubscriptionId" text    NULL,
    "Payload"        text    NOT NULL,
    "CreatedAt"      bigint  NOT NULL,
    "State"          integer NOT NULL,
    "Attempts"       integer NOT NULL,
    "NextAttemptAt"  bigint  NOT NULL,
    "ClaimedBy"      text    NULL,
    "ClaimedUntil"   bigint  NULL,
    "LastError"      text    NULL,
    "FinishedAt"     bigint  NULL
);
CREATE INDEX "IX_Outbox_State_NextAttemptAt" ON "Outbox" ("State", "NextAttemptAt");
CREATE INDEX "IX_Outbox_ExecutionId" ON "Outbox" ("ExecutionId");
CREATE INDEX "IX_Outbox_SubscriptionId_CreatedAt" ON "Outbox" ("SubscriptionId", "CreatedAt");
