-- A rollback (compensation) writes node records of its own: the compensating path's nodes and one record per undone
-- node that shows how its compensation went. Existing rows are ordinary runs (0).
ALTER TABLE NodeExecutions ADD COLUMN Compensation INTEGER NOT NULL DEFAULT 0;

-- The statuses a rollback ends in (ExecutionStatus.Compensated and CompensationFailed).
INSERT INTO ExecutionStatuses (Id, Name) VALUES (8, 'compensated'), (9, 'compensationfailed');
