-- Large values of a run are written once into their own rows (see docs/data.md, "Values written once"). SQLite rewrites a
-- whole row when any column changes, so a run input kept in Executions was rewritten with every step's counters, and a
-- node input kept in NodeExecutions with every update of that record (a For Each per item).
CREATE TABLE ExecutionValues (
    ExecutionId TEXT NOT NULL REFERENCES Executions (Id) ON DELETE CASCADE,
    Key TEXT NOT NULL,
    Json TEXT NOT NULL,
    PRIMARY KEY (ExecutionId, Key)
);

-- Run inputs move to their value row; node inputs written before this version stay inline and are read as they are.
INSERT INTO ExecutionValues (ExecutionId, Key, Json) SELECT Id, 'input', Input FROM Executions WHERE Input IS NOT NULL;
UPDATE Executions SET Input = NULL WHERE Input IS NOT NULL;
