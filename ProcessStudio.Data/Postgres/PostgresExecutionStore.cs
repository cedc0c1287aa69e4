using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Data.Outbox;
using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;
using static ProcessStudio.Data.Postgres.PostgresExecutionSql;

namespace ProcessStudio.Data.Postgres;

/// <summary>
/// Durable run state on PostgreSQL. Reads are the shared EF Core queries (<see cref="ExecutionStoreReads"/>); every
/// write is one batch of raw statements, which PostgreSQL runs as one implicit transaction, so a step costs one round
/// trip. No in-process gate: PostgreSQL serialises writers on the rows they touch, across every instance, and the
/// conditional UPDATE re-checks version and status under that row lock (failing the batch when it matched nothing).
/// </summary>
public sealed class PostgresExecutionStore(IDbContextFactory<ProcessStudioDbContext> contexts, PostgresDatabase database)
    : ExecutionStoreReads(contexts), IExecutionStore
{
    private const int DeleteBatchSize = 500;
    private const string ForeignKeyViolation = "23503";
    private const string UniqueViolation = "23505";

    public async Task CreateAsync(ExecutionRecord execution, Checkpoint? checkpoint, CancellationToken cancellationToken)
    {
        var id = Id(execution.Id);
        var values = new List<ExecutionValueEntity>();
        var commands = new List<NpgsqlBatchCommand> { InsertExecution(execution.ToEntity(withInput: false)) };
        if (StoredValues.Compact(StorageValues.Json(execution.Input), wholeValue: true, id, values) is { } input)
            values.Add(new ExecutionValueEntity { ExecutionId = id, Key = ExecutionValueEntity.RunInputKey, Json = input });
        var entity = checkpoint?.ToEntity(execution.Id);
        if (entity is not null)
            entity.State = StoredValues.Compact(entity.State, wholeValue: false, id, values)!;
        commands.AddRange(values.Select(InsertValue));
        if (entity is not null)
            commands.AddRange(SaveCheckpoint(entity));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = Batch(connection, commands);
        try
        {
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (PostgresException ex) when (IsLockKeyHeld(ex) && execution.LockKey is { } key)
        {
            throw new RunLockHeldException(key, await LockHolderAsync(key, cancellationToken));
        }
    }

    private const string ActiveLockKeyIndex = "UX_Executions_ActiveLockKey";

    private static bool IsLockKeyHeld(PostgresException ex) => ex.SqlState == UniqueViolation && ex.ConstraintName == ActiveLockKeyIndex;

    /// <summary>
    /// Commits the step in one transaction, or throws what prevented it (conflict, unknown execution, database error);
    /// then nothing of it was written. On success <c>commit.Execution.Version</c> is set to the new version.
    /// </summary>
    public async Task CommitStepAsync(StepCommit commit, CancellationToken cancellationToken)
    {
        var step = PreparedStep.From(commit);
        var commands = new List<NpgsqlBatchCommand> { UpdateExecution(step.Execution, step.ExpectedVersion, AnyStatus) };
        commands.AddRange(step.Nodes.Select(UpsertNode));
        commands.AddRange(step.Values.Select(InsertValue));
        commands.AddRange(step.Logs.Select(InsertLog));
        if (step.Checkpoint is not null)
            commands.AddRange(SaveCheckpoint(step.Checkpoint));
        else if (step.IsFinished)
            commands.Add(DeactivateCheckpoint(step.Execution.Id));
        commands.AddRange(step.Outbox.Select(InsertOutboxRow));

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = Batch(connection, commands);
        try
        {
            // Once sent, the step commits or fails as a whole: a cancelled batch would leave its fate unknown.
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (PostgresException ex) when (ex.SqlState is NoRowUpdated or ForeignKeyViolation)
        {
            // Nothing was written. The run moved on under another writer, or does not exist (its rows had no parent).
            throw await ExistsAsync(connection, step.Execution.Id, cancellationToken)
                ? new ConcurrencyConflictException(step.ExecutionId)
                : new NotFoundException("Execution", step.ExecutionId);
        }
        commit.Execution.Version = commit.ExpectedVersion + 1;
        RunEvents.Committed(commit.Execution);
    }

    public async Task<ExecutionRecord?> TryTransitionAsync(Guid executionId, long expectedVersion, IReadOnlyCollection<ExecutionStatus> allowedFrom,
        Action<ExecutionRecord> apply, CancellationToken cancellationToken)
    {
        if (await ApplyToCurrentAsync(executionId, expectedVersion, allowedFrom, apply, cancellationToken) is not { } current)
            return null;
        var allowedMask = StatusMask(allowedFrom);
        var row = current.ToEntity(withInput: false);
        var values = new List<ExecutionValueEntity>();
        row.Output = StoredValues.Compact(row.Output, wholeValue: true, row.Id, values);
        var commands = new List<NpgsqlBatchCommand> { UpdateExecution(row, expectedVersion, allowedMask) };
        commands.AddRange(values.Select(InsertValue));
        if (current.Status.IsFinished())
            commands.Add(DeactivateCheckpoint(Id(executionId)));
        commands.AddRange(OutboxRows.Of(current).Select(InsertOutboxRow));

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = Batch(connection, commands);
        try
        {
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
        }
        // The WHERE clause re-checks version and status, so another instance cannot slip in between read and write.
        catch (PostgresException ex) when (ex.SqlState == NoRowUpdated || IsLockKeyHeld(ex))
        {
            return null;   // or a queued run released while another run holds its key: it stays queued
        }

        current.Version = expectedVersion + 1;
        RunEvents.Committed(current);
        return current;
    }

    public async Task<int> DeleteAsync(IReadOnlyCollection<Guid> executionIds, CancellationToken cancellationToken)
    {
        var deleted = 0;
        foreach (var batch in executionIds.Select(Id).Chunk(DeleteBatchSize))
            deleted += await ExecuteAsync("DELETE FROM \"Executions\" WHERE \"Id\" = ANY($1)", [batch], cancellationToken);
        return deleted;
    }

    public async Task<int> DeleteFinishedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        // Small batches keep each transaction short, so running executions are not held up by a large clean-up.
        const string sql =
            "DELETE FROM \"Executions\" WHERE \"Id\" IN (SELECT \"Id\" FROM \"Executions\" WHERE \"Status\" = ANY($1) " +
            "AND COALESCE(\"StoppedAt\", \"CreatedAt\") < $2 LIMIT $3)";
        int[] finished = [.. Enum.GetValues<ExecutionStatus>().Where(s => s.IsFinished()).Select(s => (int)s)];
        var total = 0;
        int deleted;
        do
        {
            deleted = await ExecuteAsync(sql, [finished, Time(cutoff), DeleteBatchSize], cancellationToken);
            total += deleted;
        } while (deleted == DeleteBatchSize);
        return total;
    }

    private async Task<int> ExecuteAsync(string sql, object[] values, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = Batch(connection, [Command(sql, values)]);
        return await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string executionId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM \"Executions\" WHERE \"Id\" = $1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = executionId });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Statements sent together; without an explicit transaction PostgreSQL runs them as one implicit transaction.</summary>
    private static NpgsqlBatch Batch(NpgsqlConnection connection, IEnumerable<NpgsqlBatchCommand> commands)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var command in commands)
            batch.BatchCommands.Add(command);
        return batch;
    }
}
