using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Slows password guessing: after <see cref="SignInThrottleSettings.MaxFailures"/> failed sign-ins for one user name
/// from one address within the window, that pair is refused, even with the right password, until the lockout passes.
/// Keyed by name and address together, so a stranger cannot lock a colleague out from elsewhere.
/// </summary>
public sealed class SignInThrottle(IOptions<SecurityOptions> options, TimeProvider clock)
{
    /// <summary>Beyond this many tracked pairs, expired ones are dropped before a new one is added.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string User, string Client), Attempts> _attempts = new();

    private sealed record Attempts(int Failures, DateTimeOffset WindowStart, DateTimeOffset? LockedUntil);

    private SignInThrottleSettings Settings => options.Value.SignInThrottle;

    /// <summary>When the pair may try again, or null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string userName, string client)
    {
        var now = clock.GetUtcNow();
        return _attempts.TryGetValue(Key(userName, client), out var attempts) && attempts.LockedUntil > now ? attempts.LockedUntil : null;
    }

    /// <summary>Counts a failure; returns when the pair is locked out, if this failure locked it.</summary>
    public DateTimeOffset? RecordFailure(string userName, string client)
    {
        var now = clock.GetUtcNow();
        if (_attempts.Count > PruneAbove) Prune(now);
        var settings = Settings;
        var updated = _attempts.AddOrUpdate(Key(userName, client),
            _ => new Attempts(1, now, null),
            (_, current) => now - current.WindowStart > settings.Window || current.LockedUntil <= now
                ? new Attempts(1, now, null)
                : current with { Failures = current.Failures + 1 });
        if (updated.Failures < settings.MaxFailures) return null;
        var lockedUntil = now + settings.Lockout;
        _attempts[Key(userName, client)] = updated with { LockedUntil = lockedUntil };
        return lockedUntil;
    }

    public void RecordSuccess(string userName, string client) => _attempts.TryRemove(Key(userName, client), out _);

    private static (string, string) Key(string userName, string client) => (UserNameKey.Of(userName), client);

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, attempts) in _attempts)
            if (attempts.LockedUntil is { } until ? until <= now : now - attempts.WindowStart > Settings.Window)
                _attempts.TryRemove(key, out _);
    }
}

/// <summary>"ProcessStudio:Security:SignInThrottle".</summary>
public sealed class SignInThrottleSettings
{
    public int MaxFailures { get; set; } = 5;
    /// <summary>Failures further apart than this start counting again.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}
