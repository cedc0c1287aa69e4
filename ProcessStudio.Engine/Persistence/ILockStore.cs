namespace ProcessStudio.Engine.Persistence;

/// <summary>
/// Critical-section locks by key, shared by every run (and, through a database, every instance). A lock belongs to one
/// holder (a Lock node activation) of one execution; the Lock and Unlock nodes use it (docs/engine.md, "Critical sections").
/// </summary>
public interface ILockStore
{
    /// <summary>Takes <paramref name="key"/> for the holder. Null when it holds it now (also when it already did), else the current holder.</summary>
    Task<LockHolder?> TryAcquireAsync(string key, LockHolder holder, string nodeId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Releases <paramref name="key"/> if <paramref name="executionId"/> holds it; false when it did not.</summary>
    Task<bool> ReleaseAsync(string key, Guid executionId, CancellationToken cancellationToken);

    /// <summary>Releases every lock of a run: a finished run holds none.</summary>
    Task ReleaseAllAsync(Guid executionId, CancellationToken cancellationToken);
}

/// <summary>Who holds a lock: the execution and the holder id its Lock node committed before asking.</summary>
public sealed record LockHolder(Guid ExecutionId, Guid HolderId);
