using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Sqlite;

namespace ProcessStudio.Data.Idempotency;

/// <summary>Idempotency keys in the IdempotencyKeys table; claims run under the write gate in one IMMEDIATE transaction.</summary>
public sealed class SqliteIdempotencyStore(SqliteDatabase database, SqliteWriteGate gate) : IIdempotencyStore
{
    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);

        await using (var expire = Command(connection, transaction, "DELETE FROM IdempotencyKeys WHERE CreatedAt < $cutoff;"))
        {
            expire.Parameters.AddWithValue("$cutoff", (now - IdempotencyKeys.Lifetime).ToUnixTimeMilliseconds());
            await expire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var find = Command(connection, transaction, "SELECT Fingerprint, ExecutionId FROM IdempotencyKeys WHERE Caller = $caller AND Key = $key;");
        find.Parameters.AddWithValue("$caller", caller);
        find.Parameters.AddWithValue("$key", key);
        await using (var row = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (await row.ReadAsync(cancellationToken))
            {
                if (row.GetString(0) != fingerprint) return new IdempotencyClaim.Mismatch();
                return row.IsDBNull(1) ? new IdempotencyClaim.InProgress() : new IdempotencyClaim.Replay(Guid.Parse(row.GetString(1)));
            }
        }

        await using var insert = Command(connection, transaction,
            "INSERT INTO IdempotencyKeys (Caller, Key, Fingerprint, ExecutionId, CreatedAt) VALUES ($caller, $key, $fingerprint, NULL, $now);");
        insert.Parameters.AddWithValue("$caller", caller);
        insert.Parameters.AddWithValue("$key", key);
        insert.Parameters.AddWithValue("$fingerprint", fingerprint);
        insert.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IdempotencyClaim.Claimed();
    }

    public Task CompleteAsync(string caller, string key, Guid executionId, CancellationToken cancellationToken) =>
        WriteAsync("UPDATE IdempotencyKeys SET ExecutionId = $execution WHERE Caller = $caller AND Key = $key;", caller, key, executionId, cancellationToken);

    public Task ReleaseAsync(string caller, string key, CancellationToken cancellationToken) =>
        WriteAsync("DELETE FROM IdempotencyKeys WHERE Caller = $caller AND Key = $key AND ExecutionId IS NULL;", caller, key, null, cancellationToken);

    private async Task WriteAsync(string sql, string caller, string key, Guid? executionId, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, sql);
        command.Parameters.AddWithValue("$caller", caller);
        command.Parameters.AddWithValue("$key", key);
        if (executionId is { } id) command.Parameters.AddWithValue("$execution", id.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
