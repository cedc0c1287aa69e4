using Npgsql;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Postgres;

/// <summary>
/// Run leases in the Leases table (Kind 'run', Key the execution id). Taking a lease is one conditional upsert, so of
/// two instances exactly one gets it; orphaned runs are claimed with FOR UPDATE SKIP LOCKED, so instances scanning at
/// once divide them instead of queueing behind each other. The same statements serve any other kind of work (the
/// outbox dispatcher): only the Kind and the candidate query differ.
/// </summary>
public sealed class PostgresRunLeaseStore(PostgresDatabase database) : IRunLeaseStore
{
    public const string Kind = "run";

    private const string AcquireSql =
        "INSERT INTO \"Leases\" (\"Kind\", \"Key\", \"Owner\", \"ExpiresAt\") VALUES ($1, $2, $3, $5) " +
        "ON CONFLICT (\"Kind\", \"Key\") DO UPDATE SET \"Owner\" = excluded.\"Owner\", \"ExpiresAt\" = excluded.\"ExpiresAt\" " +
        "WHERE \"Leases\".\"Owner\" = excluded.\"Owner\" OR \"Leases\".\"ExpiresAt\" < $4";

    private const string RenewSql =
        "UPDATE \"Leases\" SET \"ExpiresAt\" = $4 WHERE \"Kind\" = $1 AND \"Owner\" = $3 AND \"Key\" = ANY($2) RETURNING \"Key\"";

    private const string ReleaseSql = "DELETE FROM \"Leases\" WHERE \"Kind\" = $1 AND \"Key\" = $2 AND \"Owner\" = $3";

    private const string HolderSql = "SELECT \"Owner\" FROM \"Leases\" WHERE \"Kind\" = $1 AND \"Key\" = $2 AND \"ExpiresAt\" >= $3";

    /// <summary>Pending or running runs without a live lease, oldest first, locked so a concurrent scan skips them.</summary>
    private static readonly string ClaimOrphansSql =
        "WITH orphans AS (SELECT e.\"Id\" FROM \"Executions\" e " +
        "LEFT JOIN \"Leases\" l ON l.\"Kind\" = $1 AND l.\"Key\" = e.\"Id\" " +
        $"WHERE e.\"Status\" IN ({(int)ExecutionStatus.Pending}, {(int)ExecutionStatus.Running}) AND (l.\"Key\" IS NULL OR l.\"ExpiresAt\" < $3) " +
        "ORDER BY e.\"CreatedAt\" LIMIT $5 FOR UPDATE OF e SKIP LOCKED) " +
        "INSERT INTO \"Leases\" (\"Kind\", \"Key\", \"Owner\", \"ExpiresAt\") SELECT $1, \"Id\", $2, $4 FROM orphans " +
        "ON CONFLICT (\"Kind\", \"Key\") DO UPDATE SET \"Owner\" = excluded.\"Owner\", \"ExpiresAt\" = excluded.\"ExpiresAt\" " +
        "WHERE \"Leases\".\"ExpiresAt\" < $3 RETURNING \"Key\"";

    public async Task<bool> TryAcquireAsync(Guid executionId, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        await ExecuteAsync(AcquireSql, [Kind, Id(executionId), owner, Time(now), Time(expiresAt)], cancellationToken) == 1;

    public async Task<IReadOnlyCollection<Guid>> RenewAsync(IReadOnlyCollection<Guid> executionIds, string owner, DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        var renewed = await KeysAsync(RenewSql, [Kind, executionIds.Select(Id).ToArray(), owner, Time(expiresAt)], cancellationToken);
        return [.. executionIds.Except(renewed)];
    }

    public Task ReleaseAsync(Guid executionId, string owner, CancellationToken cancellationToken) =>
        ExecuteAsync(ReleaseSql, [Kind, Id(executionId), owner], cancellationToken);

    public async Task<IReadOnlyList<Guid>> ClaimOrphansAsync(string owner, DateTimeOffset now, DateTimeOffset expiresAt, int limit,
        CancellationToken cancellationToken) =>
        await KeysAsync(ClaimOrphansSql, [Kind, owner, Time(now), Time(expiresAt), limit], cancellationToken);

    public async Task<string?> HolderAsync(Guid executionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, HolderSql, [Kind, Id(executionId), Time(now)]);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private async Task<int> ExecuteAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, values);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<Guid>> KeysAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(ToGuid(reader.GetString(0)));
        return keys;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
