-- Large values of a run are written once into their own rows (see docs/data.md, "Values written once").
CREATE TABLE "ExecutionValues" (
    "ExecutionId" text NOT NULL REFERENCES "Executions" ("Id") ON DELETE CASCADE,
    "Key"         text NOT NULL,
    "Json"        text NOT NULL,
    PRIMARY KEY ("ExecutionId", "Key")
);
INSERT INTO "ExecutionValues" ("ExecutionId", "Key", "Json") SELECT "Id", 'input', "Input" FROM "Executions" WHERE "Input" IS NOT NULL;
UPDATE "Executions" SET "Input" = NULL WHERE "Input" IS NOT NULL;
