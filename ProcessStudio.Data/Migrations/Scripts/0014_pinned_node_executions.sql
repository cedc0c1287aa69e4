-- Test runs from the designer may use a node's pinned output instead of running it; the node's record says so, so the
-- run view can tell a pinned result from a real one. Existing rows ran for real (0).
ALTER TABLE NodeExecutions ADD COLUMN Pinned INTEGER NOT NULL DEFAULT 0;
