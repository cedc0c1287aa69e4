-- RunCommands: commands for a run that another instance drives (see Scripts/0017_run_commands.sql).
CREATE TABLE "RunCommands" (
    "Id"          text    NOT NULL PRIMARY KEY,
    "ExecutionId" text    NOT NULL,
    "Kind"        integer NOT NULL,
    "NodeId"      text    NULL,
    "Payload"     text    NULL,
    "CreatedAt"   bigint  NOT NULL,
    "State"       integer NOT NULL,
    "ClaimedBy"   text    NULL,
    "ClaimedAt"   bigint  NULL,
    "Result"      integer NULL,
    "Status"      integer NULL,
    "Message"     text    NULL,
    "Subject"     text    NULL,
    "FinishedAt"  bigint  NULL
);
CREATE INDEX "IX_RunCommands_ExecutionId_State" ON "RunCommands" ("ExecutionId", "State");
CREATE INDEX "IX_RunCommands_CreatedAt" ON "RunCommands" ("CreatedAt");
