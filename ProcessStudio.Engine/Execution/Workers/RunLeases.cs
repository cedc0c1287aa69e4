using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Workers;

/// <summary>
/// The leases this instance holds on the runs it drives. A worker acquires one before it drives a run and disposes
/// it when the run stops; <see cref="RunLeaseService"/> renews them all in one write per tick. A lease that was taken
/// over (this instance stalled past its expiry) cancels its token, and the run stops as at a shutdown, writing nothing:
/// the new owner continues from the last checkpoint and the store's version check refuses any late write from here.
/// </summary>
public sealed class RunLeases(IRunLeaseStore store, IOptions<EngineOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _held = new();

    /// <summary>This process's name in the lease table: host, process id and a random part, so a restarted process is a new owner.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan Duration => options.Value.RunLeaseDuration;

    /// <summary>The lease, or null when another live instance drives the run.</summary>
    public async Task<RunLease?> AcquireAsync(Guid executionId, CancellationToken shutdown)
    {
        var now = clock.GetUtcNow();
        if (!await store.TryAcquireAsync(executionId, Owner, now, now + Duration, shutdown))
            return null;
        var lost = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        _held[executionId] = lost;
        return new RunLease(this, executionId, lost);
    }

    /// <summary>One heartbeat: extends every held lease; runs taken over by another instance are stopped here.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        if (_held.IsEmpty) return;
        var lost = await store.RenewAsync([.. _held.Keys], Owner, clock.GetUtcNow() + Duration, cancellationToken);
        foreach (var id in lost)
            if (_held.TryGetValue(id, out var source))
                await source.CancelAsync();
    }

    /// <summary>Runs orphaned by a dead instance (or not yet picked up by their creator), claimed for this one.</summary>
    public Task<IReadOnlyList<Guid>> ClaimOrphansAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return store.ClaimOrphansAsync(Owner, now, now + Duration, limit, cancellationToken);
    }

    internal async Task ReleaseAsync(Guid executionId, CancellationTokenSource source)
    {
        _held.TryRemove(new KeyValuePair<Guid, CancellationTokenSource>(executionId, source));
        source.Dispose();
        await store.ReleaseAsync(executionId, Owner, CancellationToken.None);
    }
}

/// <summary>A held lease; <see cref="Token"/> is cancelled at shutdown or when another instance took the run over.</summary>
public sealed class RunLease(RunLeases leases, Guid executionId, CancellationTokenSource lost) : IAsyncDisposable
{
    public CancellationToken Token { get; } = lost.Token;

    public bool WasTakenOver => lost.IsCancellationRequested;

    public ValueTask DisposeAsync() => new(leases.ReleaseAsync(executionId, lost));
}
