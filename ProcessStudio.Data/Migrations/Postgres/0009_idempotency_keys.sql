-- Idempotency-Key on run starts (see Scripts/0009_idempotency_keys.sql).
CREATE TABLE "IdempotencyKeys" (
    "Caller"      text   NOT NULL,
    "Key"         text   NOT NULL,
    "Fingerprint" text   NOT NULL,
    "ExecutionId" text   NULL,
    "CreatedAt"   bigint NOT NULL,
    PRIMARY KEY ("Caller", "Key")
);
CREATE INDEX "IX_IdempotencyKeys_CreatedAt" ON "IdempotencyKeys" ("CreatedAt");
