-- Leases: which instance works on what, until when (see Scripts/0015_leases.sql and docs/scale-out.md).
CREATE TABLE "Leases" (
    "Kind"      text   NOT NULL,
    "Key"       text   NOT NULL,
    "Owner"     text   NOT NULL,
    "ExpiresAt" bigint NOT NULL,
    PRIMARY KEY ("Kind", "Key")
);
CREATE INDEX "IX_Leases_Owner" ON "Leases" ("Owner");
