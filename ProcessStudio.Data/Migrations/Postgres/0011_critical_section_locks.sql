-- Critical-section locks (see Scripts/0011_critical_section_locks.sql).
CREATE TABLE "CriticalSectionLocks" (
    "Key"         text   NOT NULL PRIMARY KEY,
    "ExecutionId" text   NOT NULL,
    "HolderId"    text   NOT NULL,
    "NodeId"      text   NOT NULL,
    "AcquiredAt"  bigint NOT NULL
);
CREATE INDEX "IX_CriticalSectionLocks_ExecutionId" ON "CriticalSectionLocks" ("ExecutionId");
