-- Leases: which instance works on what, until when, when several instances share one database (docs/scale-out.md).
-- Kind names the work ('run' for an execution being driven; the outbox dispatcher can use its own kind), Key its id.
-- An owner renews its leases (a heartbeat); a lease whose ExpiresAt passed may be taken by another instance.
-- One SQLite file has one instance, which grants itself every lease: the table is here so both schemas stay the same.
CREATE TABLE Leases (
    Kind      TEXT    NOT NULL,
    Key       TEXT    NOT NULL,
    Owner     TEXT    NOT NULL,
    ExpiresAt INTEGER NOT NULL,
    PRIMARY KEY (Kind, Key)
);
CREATE INDEX IX_Leases_Owner ON Leases (Owner);
