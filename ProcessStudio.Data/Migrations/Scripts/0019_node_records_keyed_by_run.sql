-- Every step inserts or updates a node record. As a rowid table with a TEXT primary key and an (ExecutionId, Step)
-- index, each insert wrote three b-trees (≈ 3.5 WAL pages per step); keyed by run WITHOUT ROWID it writes one (≈ 1.9).
-- Record ids are time-ordered (UUID v7), so a run's new records land at the end of its key range; the history reads a
-- run's records whole and orders them by step itself, so the (ExecutionId, Step) index goes. (CheckpointHistory stays
-- a rowid table: its rows are larger, and WITHOUT ROWID split its pages more often than the two b-trees cost.)
CREATE TABLE NodeExecutions_new (
    Id          TEXT    NOT NULL,
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
    AttemptLog  TEXT    NOT NULL DEFAULT '[]',
    Progress    TEXT    NULL,
    Pinned      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (ExecutionId, Id)
) WITHOUT ROWID;
INSERT INTO NodeExecutions_new (Id, ExecutionId, NodeId, NodeName, NodeType, Step, Status, Attempts, StartedAt, FinishedAt,
                                Input, Output, OutputPort, Error, AttemptLog, Progress, Pinned)
    SELECT Id, ExecutionId, NodeId, NodeName, NodeType, Step, Status, Attempts, StartedAt, FinishedAt,
           Input, Output, OutputPort, Error, AttemptLog, Progress, Pinned FROM NodeExecutions;
DROP TABLE NodeExecutions;
ALTER TABLE NodeExecutions_new RENAME TO NodeExecutions;
