-- Outbound event subscriptions (docs/api.md, "Event subscriptions"): which run events another system wants, where to
-- POST them and the secret that signs them (sealed by the web host with Data Protection), plus every delivery attempt.
-- Events: a JSON array of event types. Times are Unix milliseconds.
CREATE TABLE EventSubscriptions (
    Id           TEXT    NOT NULL PRIMARY KEY,
    Url          TEXT    NOT NULL,
    Events       TEXT    NOT NULL,
    WorkflowId   TEXT    NULL,
    SealedSecret TEXT    NOT NULL,
    CreatedAt    INTEGER NOT NULL
);

CREATE TABLE EventDeliveryAttempts (
    Id             INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    SubscriptionId TEXT    NOT NULL REFERENCES EventSubscriptions (Id) ON DELETE CASCADE,
    MessageId      TEXT    NOT NULL,
    EventType      TEXT    NOT NULL,
    Attempt        INTEGER NOT NULL,
    At             INTEGER NOT NULL,
    StatusCode     INTEGER NULL,
    Response       TEXT    NULL,
    Error          TEXT    NULL,
    DurationMs     INTEGER NOT NULL
);
CREATE INDEX IX_EventDeliveryAttempts_SubscriptionId_At ON EventDeliveryAttempts (SubscriptionId, At);
