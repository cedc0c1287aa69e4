-- Sub-workflow and error workflow runs are found from their parent run.
CREATE INDEX "IX_Executions_ParentExecutionId" ON "Executions" ("ParentExecutionId") WHERE "ParentExecutionId" IS NOT NULL;
