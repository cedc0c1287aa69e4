-- Nothing to change: SQLite's version rebuilds NodeExecutions WITHOUT ROWID, keyed by run, so that a step writes one
-- b-tree for its record instead of three (see Scripts/0019_node_records_keyed_by_run.sql). A PostgreSQL heap table takes
-- new rows wherever it has room, whatever their key, so the table and its indexes stay as they are.
SELECT 1;
