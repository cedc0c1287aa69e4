-- Schedules: activation per workflow, where its cron schedule stands, and the ledger of claimed fire times.

-- One row per workflow that was ever activated. Cron, TimeZone and MisfirePolicy are copied from the latest saved
-- version; NextFireAt (Unix ms, UTC) is NULL while inactive.
CREATE TABLE WorkflowSchedules (
    WorkflowId      TEXT    NOT NULL PRIMARY KEY REFERENCES Workflows (Id) ON DELETE CASCADE,
    Active          INTEGER NOT NULL,
    Cron            TEXT    NOT NULL,
    TimeZone        TEXT    NOT NULL,
    MisfirePolicy   TEXT    NOT NULL,
    WorkflowVersion INTEGER NOT NULL,
    NextFireAt      INTEGER NULL,
    LastFiredAt     INTEGER NULL,
    UpdatedAt       INTEGER NOT NULL
);
CREATE INDEX IX_WorkflowSchedules_Active_NextFireAt ON WorkflowSchedules (Active, NextFireAt);

-- Exactly one row per (workflow, fire time): the key is what makes a fire time impossible to claim twice. The
-- execution id is chosen at the claim, so a run started again after a crash is found instead of duplicated.
CREATE TABLE ScheduleFires (
    WorkflowId   TEXT    NOT NULL REFERENCES WorkflowSchedules (WorkflowId) ON DELETE CASCADE,
    ScheduledFor INTEGER NOT NULL,
    ExecutionId  TEXT    NOT NULL,
    ClaimedAt    INTEGER NOT NULL,
    TimeZone     TEXT    NOT NULL,
    CatchUp      INTEGER NOT NULL,
    Started      INTEGER NOT NULL,
    PRIMARY KEY (WorkflowId, ScheduledFor)
);
CREATE INDEX IX_ScheduleFires_Started ON ScheduleFires (Started);
