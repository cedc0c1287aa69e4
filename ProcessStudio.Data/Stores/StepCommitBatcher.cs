using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Outbox;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// Group commit for engine steps. Every caller queues its step and then takes the write gate; whoever holds the gate
/// writes all queued steps in one transaction and completes every caller after the single COMMIT. When a step of the
/// batch fails (a conflict, a constraint), the batch is written again with each step inside its own savepoint, so that
/// step's failure undoes only that step. One run alone pays one transaction per step;
/// concurrent runs share transactions, which is what lifts aggregate throughput on SQLite's single writer.
/// </summary>
internal sealed class StepCommitBatcher(ExecutionWriter writer, SqliteWriteGate gate)
{
    private const long AnyStatus = -1;
    private const int MaxBatchSize = 64;
    private const string StepSavepoint = "step";

    private readonly ConcurrentQueue<PendingStep> _queue = new();

    /// <summary>
    /// Commits the step, or throws what prevented it (conflict, unknown execution, database error); then nothing of it was written.
    /// Cancellation is honoured until a writer picks the step up; after that the step commits (or fails) as a whole.
    /// </summary>
    public async Task CommitAsync(PreparedStep step, CancellationToken cancellationToken)
    {
        var pending = new PendingStep(step, cancellationToken);
        _queue.Enqueue(pending);
        // No token here: a cancelled wait could leave the step queued for another writer, and the caller would not know its fate.
        using (await gate.EnterAsync(CancellationToken.None))
        {
            while (!pending.Completion.Task.IsCompleted)
                await WriteBatchAsync();
        }
        await pending.Completion.Task;
    }

    private async Task WriteBatchAsync()
    {
        var batch = TakeBatch();
        if (batch.Count == 0)
            return;
        var failures = new Exception?[batch.Count];
        try
        {
            if (batch.Count == 1 || !await TryWriteAllAsync(batch))
                await WriteEachAsync(batch, failures);
        }
        catch (Exception ex)
        {
            // The transaction itself failed (e.g. disk full): nothing of the batch was written.
            foreach (var pending in batch)
                pending.Completion.TrySetException(ex);
            return;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure)
                batch[i].Completion.TrySetException(failure);
            else
                batch[i].Completion.TrySetResult();
        }
    }

    /// <summary>
    /// Steps almost never fail, and a savepoint costs two more statements per step: so a batch is first written plainly.
    /// Returns false, with nothing written, when a step failed; the batch is then written again step by step.
    /// </summary>
    private async Task<bool> TryWriteAllAsync(List<PendingStep> batch)
    {
        await using var transaction = await writer.BeginAsync(CancellationToken.None);
        foreach (var pending in batch)
        {
            if (await WriteAsync(transaction, pending.Step) is not null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return false;
            }
        }
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Writes each step inside its own savepoint (a lone step needs none), so a failing step undoes only itself.</summary>
    private async Task WriteEachAsync(List<PendingStep> batch, Exception?[] failures)
    {
        await using var transaction = await writer.BeginAsync(CancellationToken.None);
        for (var i = 0; i < batch.Count; i++)
            failures[i] = batch.Count == 1
                ? await WriteAsync(transaction, batch[i].Step)
                : await WriteInSavepointAsync(transaction, batch[i].Step);
        if (failures.Any(f => f is null))
            await transaction.CommitAsync(CancellationToken.None);
    }

    private List<PendingStep> TakeBatch()
    {
        var batch = new List<PendingStep>();
        while (batch.Count < MaxBatchSize && _queue.TryDequeue(out var pending))
        {
            if (pending.CancellationToken.IsCancellationRequested)
                pending.Completion.TrySetCanceled(pending.CancellationToken);
            else
                batch.Add(pending);
        }
        return batch;
    }

    private async Task<Exception?> WriteInSavepointAsync(SqliteTransaction transaction, PreparedStep step)
    {
        await transaction.SaveAsync(StepSavepoint);
        var failure = await WriteAsync(transaction, step);
        if (failure is not null)
            await transaction.RollbackAsync(StepSavepoint);
        await transaction.ReleaseAsync(StepSavepoint);
        return failure;
    }

    /// <summary>Writes one step; returns the step's own failure, or null. Failures of the transaction itself propagate.</summary>
    private async Task<Exception?> WriteAsync(SqliteTransaction transaction, PreparedStep step)
    {
        var ct = CancellationToken.None;
        if (!await writer.TryUpdateExecutionAsync(transaction, step.Execution, step.ExpectedVersion, AnyStatus, ct))
        {
            return await writer.ExecutionExistsAsync(transaction, step.Execution.Id, ct)
                ? new ConcurrencyConflictException(step.ExecutionId)
                : new NotFoundException("Execution", step.ExecutionId);
        }
        try
        {
            foreach (var node in step.Nodes)
                await writer.UpsertNodeExecutionAsync(transaction, node, ct);
            await writer.InsertValuesAsync(transaction, step.Values, ct);
            foreach (var log in step.Logs)
                await writer.InsertLogAsync(transaction, log, ct);
            if (step.Checkpoint is not null)
                await writer.SaveCheckpointAsync(transaction, step.Checkpoint, ct);
            else if (step.IsFinished)
                await writer.DeactivateCheckpointAsync(transaction, step.Execution.Id, ct);
            await OutboxRows.WriteAsync(writer, transaction, step.Outbox, ct);   // the reactions this step owes commit with it
            return null;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19 /* SQLITE_CONSTRAINT: only this statement was undone */)
        {
            return ex;
        }
    }

    private sealed record PendingStep(PreparedStep Step, CancellationToken CancellationToken)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
