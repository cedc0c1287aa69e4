-- ClusterMessages: bodies too big for one PostgreSQL NOTIFY (8000 bytes). The sender stores the body here and notifies
-- its id; receivers read it. Rows older than a few minutes are deleted by the next sender (docs/scale-out.md).
-- One SQLite file has one instance, which sends nothing: the table is here so both schemas stay the same.
CREATE TABLE ClusterMessages (
    Id        INTEGER PRIMARY KEY AUTOINCREMENT,
    Body      TEXT    NOT NULL,
    CreatedAt INTEGER NOT NULL
);
CREATE INDEX IX_ClusterMessages_CreatedAt ON ClusterMessages (CreatedAt);
