-- Schedules on PostgreSQL (see Scripts/0003_workflow_schedules.sql). The ScheduleFires key makes a fire time
-- impossible to claim twice, across every instance sharing this database.
CREATE TABLE "WorkflowSchedules" (
    "WorkflowId"      text    NOT NULL PRIMARY KEY REFERENCES "Workflows" ("Id") ON DELETE CASCADE,
    "Active"          boolean NOT NULL,
    "Cron"            text    NOT NULL,
    "TimeZone"        text    NOT NULL,
    "MisfirePolicy"   text    NOT NULL,
    "WorkflowVersion" integer NOT NULL,
    "NextFireAt"      bigint  NULL,
    "LastFiredAt"     bigint  NULL,
    "UpdatedAt"       bigint  NOT NULL
);
CREATE INDEX "IX_WorkflowSchedules_Active_NextFireAt" ON "WorkflowSchedules" ("Active", "NextFireAt");

CREATE TABLE "ScheduleFires" (
    "WorkflowId"   text    NOT NULL REFERENCES "WorkflowSchedules" ("WorkflowId") ON DELETE CASCADE,
    "ScheduledFor" bigint  NOT NULL,
    "ExecutionId"  text    NOT NULL,
    "ClaimedAt"    bigint  NOT NULL,
    "TimeZone"     text    NOT NULL,
    "CatchUp"      boolean NOT NULL,
    "Started"      boolean NOT NULL,
    PRIMARY KEY ("WorkflowId", "ScheduledFor")
);
CREATE INDEX "IX_ScheduleFires_Started" ON "ScheduleFires" ("Started");
