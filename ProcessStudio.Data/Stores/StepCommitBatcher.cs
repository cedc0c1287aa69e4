using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
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
        using var transaction = await writer.BeginAsync(CancellationToken.None);
        foreach (var pending in batch)
        {
            if (Write(pending.Step) is not null)
            {
                transaction.Rollback();
                return false;
            }
        }
        transaction.Commit();
        return true;
    }

    /// <summary>Writes each step inside its own savepoint (a lone step needs none), so a failing step undoes only itself.</summary>
    private async Task WriteEachAsync(List<PendingStep> batch, Exception?[] failures)
    {
        using var transaction = await writer.BeginAsync(CancellationToken.None);
        for (var i = 0; i < batch.Count; i++)
            failures[i] = batch.Count == 1 ? Write(batch[i].Step) : WriteInSavepoint(transaction, batch[i].Step);
        if (failures.Any(f => f is null))
            transaction.Commit();
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

    private Exception? WriteInSavepoint(WriteTransaction transaction, PreparedStep step)
    {
        transaction.Savepoint();
        var failure = Write(step);
        if (failure is not null)
            transaction.RollbackToSavepoint();
        transaction.ReleaseSavepoint();
        return failure;
    }

    /// <summary>Writes one step; returns the step's own failure, or null. Failures of the transaction itself propagate.</summary>
    private Exception? Write(PreparedStep step)
    {
        if (!writer.TryUpdateExecution(step.Execution, step.ExpectedVersion, AnyStatus))
        {
            return writer.ExecutionExists(step.Execution.Id)
                ? new ConcurrencyConflictException(step.ExecutionId)
                : new NotFoundException("Execution", step.ExecutionId);
        }
        try
        {
            foreach (var node in step.Nodes)
                writer.UpsertNodeExecution(node);
            writer.InsertValues(step.Values);
            foreach (var log in step.Logs)
                writer.InsertLog(log);
            if (step.Checkpoint is not null)
                writer.SaveCheckpoint(step.Checkpoint);
            else if (step.IsFinished)
                writer.DeactivateCheckpoint(step.Execution.Id);
            writer.InsertOutboxRows(step.Outbox);   // the reactions this step owes commit with it
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
