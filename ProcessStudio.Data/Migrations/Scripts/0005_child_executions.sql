-- Sub-workflow and error workflow runs are found from their parent run (child lists, cancel cascade, wake-up of a waiting parent).
CREATE INDEX IX_Executions_ParentExecutionId ON Executions (ParentExecutionId) WHERE ParentExecutionId IS NOT NULL;
