-- Named connections. SQLite compares names with COLLATE NOCASE; here a case-insensitive ICU collation does the
-- same for equality, ordering and the unique index.
CREATE COLLATION IF NOT EXISTS "ProcessStudioNoCase" (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

CREATE TABLE "Connections" (
    "Id"        text   NOT NULL PRIMARY KEY,
    "Name"      text   NOT NULL COLLATE "ProcessStudioNoCase",
    "Type"      text   NOT NULL,
    "Fields"    text   NOT NULL DEFAULT '{}',
    "Secrets"   text   NOT NULL DEFAULT '{}',
    "CreatedAt" bigint NOT NULL,
    "UpdatedAt" bigint NOT NULL
);
CREATE UNIQUE INDEX "IX_Connections_Name" ON "Connections" ("Name");
CREATE INDEX "IX_Connections_Type" ON "Connections" ("Type");
