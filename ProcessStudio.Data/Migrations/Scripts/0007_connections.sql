-- Named connections (SMTP, ...) that nodes refer to by id.
-- Fields: JSON object of plain values. Secrets: JSON object of values encrypted by the host (Data Protection).
CREATE TABLE Connections (
    Id        TEXT    NOT NULL PRIMARY KEY,
    Name      TEXT    NOT NULL COLLATE NOCASE,
    Type      TEXT    NOT NULL,
    Fields    TEXT    NOT NULL DEFAULT '{}',
    Secrets   TEXT    NOT NULL DEFAULT '{}',
    CreatedAt INTEGER NOT NULL,
    UpdatedAt INTEGER NOT NULL
);
CREATE UNIQUE INDEX IX_Connections_Name ON Connections (Name);
CREATE INDEX IX_Connections_Type ON Connections (Type);
