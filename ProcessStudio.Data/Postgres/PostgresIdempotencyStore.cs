using Npgsql;
using ProcessStudio.Data.Idempotency;

namespace ProcessStudio.Data.Postgres;

/// <summary>
/// Idempotency keys in the IdempotencyKeys table on PostgreSQL. A claim inserts with ON CONFLICT DO NOTHING: of two
/// instances claiming the same key at once, the second waits for the first's transaction and then finds its row.
/// </summary>
public sealed class PostgresIdempotencyStore(PostgresDatabase database) : IIdempotencyStore
{
    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var expire = new NpgsqlCommand("DELETE FROM \"IdempotencyKeys\" WHERE \"CreatedAt\" < $1", connection, transaction))
        {
            expire.Parameters.Add(new NpgsqlParameter { Value = (now - IdempotencyKeys.Lifetime).ToUnixTimeMilliseconds() });
            await expire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = new NpgsqlCommand(
            "INSERT INTO \"IdempotencyKeys\" (\"Caller\", \"Key\", \"Fingerprint\", \"ExecutionId\", \"CreatedAt\") VALUES ($1, $2, $3, NULL, $4) " +
            "ON CONFLICT (\"Caller\", \"Key\") DO NOTHING", connection, transaction);
        foreach (var value in new object[] { caller, key, fingerprint, now.ToUnixTimeMilliseconds() })
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        var claimed = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        IdempotencyClaim result = claimed ? new IdempotencyClaim.Claimed() : await FindAsync(connection, transaction, caller, key, fingerprint, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task CompleteAsync(string caller, string key, Guid executionId, CancellationToken cancellationToken) =>
        WriteAsync("UPDATE \"IdempotencyKeys\" SET \"ExecutionId\" = $3 WHERE \"Caller\" = $1 AND \"Key\" = $2", [caller, key, executionId.ToString()], cancellationToken);

    public Task ReleaseAsync(string caller, string key, CancellationToken cancellationToken) =>
        WriteAsync("DELETE FROM \"IdempotencyKeys\" WHERE \"Caller\" = $1 AND \"Key\" = $2 AND \"ExecutionId\" IS NULL", [caller, key], cancellationToken);

    private static async Task<IdempotencyClaim> FindAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string caller, string key,
        string fingerprint, CancellationToken cancellationToken)
    {
        await using var find = new NpgsqlCommand(
            "SELECT \"Fingerprint\", \"ExecutionId\" FROM \"IdempotencyKeys\" WHERE \"Caller\" = $1 AND \"Key\" = $2", connection, transaction);
        find.Parameters.Add(new NpgsqlParameter { Value = caller });
        find.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var row = await find.ExecuteReaderAsync(cancellationToken);
        if (!await row.ReadAsync(cancellationToken))
            return new IdempotencyClaim.InProgress();   // released between our insert attempt and this read: the caller retries
        if (row.GetString(0) != fingerprint) return new IdempotencyClaim.Mismatch();
        return row.IsDBNull(1) ? new IdempotencyClaim.InProgress() : new IdempotencyClaim.Replay(Guid.Parse(row.GetString(1)));
    }

    private async Task WriteAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
