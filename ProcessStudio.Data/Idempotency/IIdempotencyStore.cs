namespace ProcessStudio.Data.Idempotency;

/// <summary>Remembers which run a caller's Idempotency-Key started, for <see cref="IdempotencyKeys.Lifetime"/>.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a new request, or reports what an earlier request with the same key did. Expired claims
    /// are dropped first. Atomic: of two requests with one key, exactly one gets <see cref="IdempotencyClaim.Claimed"/>.
    /// </summary>
    Task<IdempotencyClaim> ClaimAsync(string caller, string key, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the run a claimed key started.</summary>
    Task CompleteAsync(string caller, string key, Guid executionId, CancellationToken cancellationToken);

    /// <summary>Gives a claimed key back when its request failed before starting a run, so a retry may use it.</summary>
    Task ReleaseAsync(string caller, string key, CancellationToken cancellationToken);
}

public static class IdempotencyKeys
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
}

/// <summary>The outcome of a claim: new, a replay of a finished request, the same key with another request, or still in progress.</summary>
public abstract record IdempotencyClaim
{
    public sealed record Claimed : IdempotencyClaim;
    public sealed record Replay(Guid ExecutionId) : IdempotencyClaim;
    public sealed record Mismatch : IdempotencyClaim;
    public sealed record InProgress : IdempotencyClaim;
}
