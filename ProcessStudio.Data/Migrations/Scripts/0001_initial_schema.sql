-- ProcessStudio schema v1: the first release.
-- Conventions: ids are lower-case GUID text, times are Unix milliseconds (UTC), JSON is stored as text,
-- enums as their integer values.

CREATE TABLE ExecutionStatuses (
    Id   INTEGER NOT NULL PRIMARY KEY,
    Name TEXT    NOT NULL UNIQUE
);
INSERT INTO ExecutionStatuses (Id, Name) VALUES
    (0, 'pending'), (1, 'running'), (2, 'paused'), (3, 'completed'), (4, 'failed'), (5, 'cancelled'), (6, 'waiting');

CREATE TABLE Workflows (
    Id            TEXT    NOT NULL PRIMARY KEY,
    Name          TEXT    NOT NULL,
    Description   TEXT    NULL,
    LatestVersion INTEGER NOT NULL,
    CreatedAt     INTEGER NOT NULL,
    UpdatedAt     INTEGER NOT NULL
);
CREATE INDEX IX_Workflows_Name ON Workflows (Name);

CREATE TABLE WorkflowVersions (
    WorkflowId TEXT    NOT NULL REFERENCES Workflows (Id) ON DELETE CASCADE,
    Version    INTEGER NOT NULL,
    Definition TEXT    NOT NULL,
    NodeCount  INTEGER NOT NULL,
    Comment    TEXT    NULL,
    CreatedAt  INTEGER NOT NULL,
    PRIMARY KEY (WorkflowId, Version)
);

-- Executions keep no foreign key to Workflows: run history outlives a deleted workflow (WorkflowName is kept).
CREATE TABLE Executions (
    Id                TEXT    NOT NULL PRIMARY KEY,
    WorkflowId        TEXT    NOT NULL,
    WorkflowVersion   INTEGER NOT NULL,
    WorkflowName      TEXT    NOT NULL,
    Status            INTEGER NOT NULL REFERENCES ExecutionStatuses (Id),
    Mode              INTEGER NOT NULL,
    Input             TEXT    NULL,
    Output            TEXT    NULL,
    CreatedAt         INTEGER NOT NULL,
    StartedAt         INTEGER NULL,
    StoppedAt         INTEGER NULL,
    PausedAt          INTEGER NULL,
    ErrorMessage      TEXT    NULL,
    ErrorNodeId       TEXT    NULL,
    RetryCount        INTEGER NOT NULL DEFAULT 0,
    RetryOf           TEXT    NULL,
    ParentExecutionId TEXT    NULL,
    TotalNodes        INTEGER NOT NULL DEFAULT 0,
    CompletedNodes    INTEGER NOT NULL DEFAULT 0,
    FailedNodes       INTEGER NOT NULL DEFAULT 0,
    Breakpoints       TEXT    NOT NULL DEFAULT '[]',
    Version           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IX_Executions_WorkflowId_CreatedAt ON Executions (WorkflowId, CreatedAt);
CREATE INDEX IX_Executions_Status_CreatedAt ON Executions (Status, CreatedAt);
CREATE INDEX IX_Executions_Mode ON Executions (Mode);
CREATE INDEX IX_Executions_CreatedAt ON Executions (CreatedAt);

CREATE TABLE NodeExecutions (
    Id          TEXT    NOT NULL PRIMARY KEY,
    ExecutionId TEXT    NOT NULL REFERENCES Executions (Id) ON DELETE CASCADE,
    NodeId      TEXT    NOT NULL,
    NodeName    TEXT    NOT NULL,
    NodeType    TEXT    NOT NULL,
    Step        INTEGER NOT NULL,
    Status      INTEGER NOT NULL,
    Attempts    INTEGER NOT NULL,
    StartedAt   INTEGER NOT NULL,
    FinishedAt  INTEGER NULL,
    Input       TEXT    NULL,
    Output      TEXT    NULL,
    OutputPort  TEXT    NULL,
    Error       TEXT    NULL,
    AttemptLog  TEXT    NOT NULL DEFAULT '[]'
);
CREATE INDEX IX_NodeExecutions_ExecutionId_Step ON NodeExecutions (ExecutionId, Step);

CREATE TABLE ExecutionLogs (
    Id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    ExecutionId TEXT    NOT NULL REFERENCES Executions (Id) ON DELETE CASCADE,
    Timestamp   INTEGER NOT NULL,
    Level       INTEGER NOT NULL,
    Message     TEXT    NOT NULL,
    NodeId      TEXT    NULL,
    Step        INTEGER NULL,
    Data        TEXT    NULL
);
CREATE INDEX IX_ExecutionLogs_ExecutionId_Id ON ExecutionLogs (ExecutionId, Id);

CREATE TABLE Checkpoints (
    ExecutionId TEXT    NOT NULL PRIMARY KEY REFERENCES Executions (Id) ON DELETE CASCADE,
    Step        INTEGER NOT NULL,
    State       TEXT    NOT NULL,
    IsActive    INTEGER NOT NULL,
    UpdatedAt   INTEGER NOT NULL
);
