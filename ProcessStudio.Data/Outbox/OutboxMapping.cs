using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Execution.Outbox;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Outbox;

internal static class OutboxMapping
{
    public static readonly ColumnSet<OutboxEntity> Columns = new("Outbox",
        ("Id", o => o.Id), ("Type", o => o.Type), ("ExecutionId", o => o.ExecutionId), ("SubscriptionId", o => o.SubscriptionId),
        ("Payload", o => o.Payload), ("CreatedAt", o => o.CreatedAt), ("State", o => o.State), ("Attempts", o => o.Attempts),
        ("NextAttemptAt", o => o.NextAttemptAt), ("ClaimedBy", o => o.ClaimedBy), ("ClaimedUntil", o => o.ClaimedUntil),
        ("LastError", o => o.LastError), ("FinishedAt", o => o.FinishedAt));

    /// <summary>The insert the execution writer runs inside a step's transaction; a row already there is kept.</summary>
    public static readonly string InsertSql = Columns.InsertSql() + " ON CONFLICT (Id) DO NOTHING";

    /// <summary>The same insert on PostgreSQL, with positional parameters in <see cref="ColumnSet{TEntity}.Values"/> order.</summary>
    public static readonly string PostgresInsertSql = Columns.InsertSql(SqlDialect.Postgres) + " ON CONFLICT (\"Id\") DO NOTHING";

    public static OutboxEntity ToEntity(this OutboxMessage m) => new()
    {
        Id = Id(m.Id), Type = m.Type, ExecutionId = Id(m.ExecutionId), SubscriptionId = Id(m.SubscriptionId), Payload = m.Payload,
        CreatedAt = Time(m.CreatedAt), State = (int)m.State, Attempts = m.Attempts, NextAttemptAt = Time(m.NextAttemptAt),
        ClaimedBy = m.ClaimedBy, ClaimedUntil = Time(m.ClaimedUntil), LastError = m.LastError, FinishedAt = Time(m.FinishedAt),
    };

    public static OutboxMessage ToMessage(this OutboxEntity e) => new()
    {
        Id = ToGuid(e.Id), Type = e.Type, ExecutionId = ToOptionalGuid(e.ExecutionId), SubscriptionId = ToOptionalGuid(e.SubscriptionId),
        Payload = e.Payload, CreatedAt = ToTime(e.CreatedAt), State = (OutboxState)e.State, Attempts = e.Attempts,
        NextAttemptAt = ToTime(e.NextAttemptAt), ClaimedBy = e.ClaimedBy, ClaimedUntil = ToTime(e.ClaimedUntil), LastError = e.LastError,
        FinishedAt = ToTime(e.FinishedAt),
    };
}
