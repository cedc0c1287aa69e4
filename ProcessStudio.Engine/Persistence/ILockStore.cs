namespace ProcessStudio.Engine.Persistence;

/// <summary>
/// Critical-section locks by key, shared by every run (and, through a database, every instance). A lock belongs to one
/// holder (a Lock node activation) of one execution; the Lock and Unlock nodes use it (docs/engine.md, "Critical sections").
/// Waiters queue per key in arrival order: a free key goes to the first in line, so contenders enter first come, first served.
/// </summary>
public interface ILockStore
{
    /// <summary>
    /// Takes <paramref name="key"/> for the holder when it is free and nobody queued before the holder. Null when it holds
    /// it now (also when it already did); otherwise the holder joins the key's queue (once, at its first try) and gets back
    /// who holds the key, or who is first in line while the key is free.
    /// </summary>
    Task<LockHolder?> TryAcquireAsync(string key, LockHolder holder, string nodeId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Releases <paramref name="key"/> if <paramref name="executionId"/> holds it; false when it did not.</summary>
    Task<bool> ReleaseAsync(string key, Guid executionId, CancellationToken cancellationToken);

    /// <summary>Takes the holder out of the key's queue: it stopped waiting (timed out, its branch was cancelled).</summary>
    Task LeaveQueueAsync(string key, LockHolder holder, CancellationToken cancellationToken);

    /// <summary>Releases every lock of a run and takes its waiters out of every queue: a finished run holds and waits for none.</summary>
    Task ReleaseAllAsync(Guid executionId, CancellationToken cancellationToken);
}

/// <summary>Who holds a lock: the execution and the holder id its Lock node committed before asking.</summary>
public sealed record LockHolder(Guid ExecutionId, Guid HolderId);
