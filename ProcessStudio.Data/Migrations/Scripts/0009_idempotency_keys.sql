-- Idempotency-Key on run starts (POST /executions and the seed execute route): which run a caller's key started,
-- so a retried request returns that run instead of starting another. Rows older than the key lifetime (24 h) are
-- deleted by the store as it claims new keys.
-- Caller: "user:<id>" or "api-key:<id>", so two callers' keys never collide.
-- Fingerprint: SHA-256 (hex) of the route and body; the same key with another request is refused.
-- ExecutionId: null while the first request is still starting its run.
CREATE TABLE IdempotencyKeys (
    Caller      TEXT    NOT NULL,
    Key         TEXT    NOT NULL,
    Fingerprint TEXT    NOT NULL,
    ExecutionId TEXT    NULL,
    CreatedAt   INTEGER NOT NULL,
    PRIMARY KEY (Caller, Key)
);
CREATE INDEX IX_IdempotencyKeys_CreatedAt ON IdempotencyKeys (CreatedAt);
