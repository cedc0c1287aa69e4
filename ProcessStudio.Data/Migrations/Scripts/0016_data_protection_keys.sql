-- The Data Protection key ring, for instances sharing one database (docs/scale-out.md). One SQLite instance keeps its
-- keys in DataFolder/keys as before; the table is here so both schemas stay the same.
CREATE TABLE DataProtectionKeys (
    Id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    FriendlyName TEXT    NULL,
    Xml          TEXT    NULL
);
