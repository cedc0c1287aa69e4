using Microsoft.Extensions.Options;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Slows password guessing: after <see cref="SignInThrottleSettings.MaxFailures"/> failed sign-ins for one user name
/// from one address within the window, that pair is refused, even with the right password, until the lockout passes.
/// Keyed by name and address together, so a stranger cannot lock a colleague out from elsewhere. The counts live in the
/// database (<see cref="SignInAttemptStore"/>), so failures on every instance sharing it count towards one lockout.
/// </summary>
public sealed class SignInThrottle(SignInAttemptStore attempts, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private SignInThrottleSettings Settings => options.Value.SignInThrottle;

    /// <summary>When the pair may try again, or null when it may try now.</summary>
    public Task<DateTimeOffset?> LockedUntilAsync(string userName, string client, CancellationToken cancellationToken) =>
        attempts.LockedUntilAsync(UserNameKey.Of(userName), client, clock.GetUtcNow(), cancellationToken);

    /// <summary>Counts a failure; returns when the pair is locked out, if this failure locked it.</summary>
    public async Task<DateTimeOffset?> RecordFailureAsync(string userName, string client, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = Settings;
        var key = UserNameKey.Of(userName);
        var failures = await attempts.CountFailureAsync(key, client, now, settings.Window, cancellationToken);
        if (failures < settings.MaxFailures) return null;
        return await attempts.LockAsync(key, client, now + settings.Lockout, cancellationToken);
    }

    public Task RecordSuccessAsync(string userName, string client, CancellationToken cancellationToken) =>
        attempts.ClearAsync(UserNameKey.Of(userName), client, cancellationToken);
}

/// <summary>"ProcessStudio:Security:SignInThrottle".</summary>
public sealed class SignInThrottleSettings
{
    public int MaxFailures { get; set; } = 5;
    /// <summary>Failures further apart than this start counting again.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);
}
