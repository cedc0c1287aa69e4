namespace ProcessStudio.Engine.Persistence;

/// <summary>
/// Who drives which run when several instances share one database: a run is driven under a lease that its owner
/// renews (a heartbeat); a lease that was not renewed in time lets another instance take the run over from its last
/// checkpoint. One instance alone needs none of this: <see cref="SingleInstanceLeases"/> grants every lease.
/// </summary>
public interface IRunLeaseStore
{
    /// <summary>Takes the run's lease until <paramref name="expiresAt"/> when nobody holds it, it expired, or <paramref name="owner"/> holds it already.</summary>
    Task<bool> TryAcquireAsync(Guid executionId, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Extends the owner's leases in one write; returns the runs whose lease the owner no longer holds (taken over).</summary>
    Task<IReadOnlyCollection<Guid>> RenewAsync(IReadOnlyCollection<Guid> executionIds, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Gives the lease back (the run stopped: finished, paused, parked or handed back at shutdown).</summary>
    Task ReleaseAsync(Guid executionId, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> runs left pending or running whose lease expired or never existed (an
    /// instance died, or created them and has not picked them up yet). Concurrent callers get disjoint runs.
    /// </summary>
    Task<IReadOnlyList<Guid>> ClaimOrphansAsync(string owner, DateTimeOffset now, DateTimeOffset expiresAt, int limit, CancellationToken cancellationToken);

    /// <summary>The owner of the run's live lease, or null when nobody drives it (parked, paused, finished, or its owner died).</summary>
    Task<string?> HolderAsync(Guid executionId, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The lease store of a single instance: every lease is granted and nothing is ever orphaned by another process.</summary>
public sealed class SingleInstanceLeases : IRunLeaseStore
{
    public static readonly SingleInstanceLeases Instance = new();

    public Task<bool> TryAcquireAsync(Guid executionId, string owner, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task<IReadOnlyCollection<Guid>> RenewAsync(IReadOnlyCollection<Guid> executionIds, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyCollection<Guid>>([]);

    public Task ReleaseAsync(Guid executionId, string owner, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<Guid>> ClaimOrphansAsync(string owner, DateTimeOffset now, DateTimeOffset expiresAt, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([]);

    public Task<string?> HolderAsync(Guid executionId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
