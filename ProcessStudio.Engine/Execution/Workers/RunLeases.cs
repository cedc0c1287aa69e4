using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Workers;

/// <summary>
/// The leases this instance holds on the runs it drives. A worker acquires one before it drives a run and disposes
/// it when the run stops; <see cref="RunLeaseService"/> renews them all in one write per tick. A lease that was taken
/// over (this instance stalled past its expiry) cancels its token, and the run stops as at a shutdown, writing nothing:
/// the new owner continues from the last checkpoint and the store's version check refuses any late write from here.
/// Requests for a run this process already holds (a duplicate, or a resume while the paused run unwinds) share the
/// lease; it is given back when the last of them stops.
/// </summary>
public sealed class RunLeases(IRunLeaseStore store, IOptions<EngineOptions> options, TimeProvider clock)
{
    private readonly Dictionary<Guid, Held> _held = [];
    private readonly Lock _lock = new();

    /// <summary>This process's name in the lease table: host, process id and a random part, so a restarted process is a new owner.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public TimeSpan Duration => options.Value.RunLeaseDuration;

    /// <summary>The runs this process holds leases on right now.</summary>
    public IReadOnlyCollection<Guid> HeldRuns
    {
        get { lock (_lock) return [.. _held.Keys]; }
    }

    /// <summary>The lease, or null when another live instance drives the run.</summary>
    public async Task<RunLease?> AcquireAsync(Guid executionId, CancellationToken shutdown)
    {
        if (TryShare(executionId) is { } shared) return shared;
        var now = clock.GetUtcNow();
        if (!await store.TryAcquireAsync(executionId, Owner, now, now + Duration, shutdown))
            return null;
        lock (_lock)
        {
            if (!_held.TryGetValue(executionId, out var held))
                _held[executionId] = held = new Held(CancellationTokenSource.CreateLinkedTokenSource(shutdown));
            held.Users++;
            return new RunLease(this, executionId, held.Lost);
        }
    }

    /// <summary>One heartbeat: extends every held lease; runs taken over by another instance are stopped here.</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        var ids = HeldRuns;
        if (ids.Count == 0) return;
        var lost = await store.RenewAsync(ids, Owner, clock.GetUtcNow() + Duration, cancellationToken);
        foreach (var id in lost)
        {
            CancellationTokenSource? source;
            lock (_lock) source = _held.GetValueOrDefault(id)?.Lost;
            if (source is not null) await source.CancelAsync();
        }
    }

    /// <summary>Runs orphaned by a dead instance (or not yet picked up by their creator), claimed for this one.</summary>
    public Task<IReadOnlyList<Guid>> ClaimOrphansAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return store.ClaimOrphansAsync(Owner, now, now + Duration, limit, cancellationToken);
    }

    private RunLease? TryShare(Guid executionId)
    {
        lock (_lock)
        {
            if (!_held.TryGetValue(executionId, out var held)) return null;
            held.Users++;
            return new RunLease(this, executionId, held.Lost);
        }
    }

    internal async Task ReleaseAsync(Guid executionId)
    {
        lock (_lock)
        {
            var held = _held[executionId];
            if (--held.Users > 0) return;
            _held.Remove(executionId);
            held.Lost.Dispose();
        }
        await store.ReleaseAsync(executionId, Owner, CancellationToken.None);
    }

    private sealed class Held(CancellationTokenSource lost)
    {
        public CancellationTokenSource Lost { get; } = lost;
        public int Users { get; set; }
    }
}

/// <summary>A held lease; <see cref="Token"/> is cancelled at shutdown or when another instance took the run over.</summary>
public sealed class RunLease(RunLeases leases, Guid executionId, CancellationTokenSource lost) : IAsyncDisposable
{
    public CancellationToken Token { get; } = lost.Token;

    public bool WasTakenOver => Token.IsCancellationRequested;

    public ValueTask DisposeAsync() => new(leases.ReleaseAsync(executionId));
}
