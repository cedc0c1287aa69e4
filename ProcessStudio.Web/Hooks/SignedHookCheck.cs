using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Web.Hooks;

/// <summary>
/// Checks an HMAC-signed hook request: the signature over "timestamp." + body, the timestamp within the tolerance of
/// the server's clock, and that the same signature was not accepted before within that window, so a captured request
/// cannot be replayed. The memory of accepted signatures lives in this process and forgets them after the window.
/// </summary>
public sealed class SignedHookCheck(IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>Beyond this many remembered signatures, expired ones are dropped before a new one is added.</summary>
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _accepted = new(StringComparer.Ordinal);

    /// <summary>Null when the request may start a run; otherwise the problem to answer with.</summary>
    internal IResult? Check(HttpRequest request, WebhookTriggerSettings settings, byte[] body)
    {
        var signature = request.Headers[settings.HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(signature)) return HookProblems.MissingCredential(settings.HeaderName);
        var secret = settings.Secret ?? "";
        var timestamps = options.Value.Timestamps;
        var stamp = request.Headers[timestamps.Header].ToString();
        if (stamp.Length == 0)
        {
            if (timestamps.Required) return HookProblems.MissingCredential(timestamps.Header);
            return secret.Length > 0 && WebhookSignature.IsValidSignature(signature, body, secret) ? null : HookProblems.BadCredential(settings.HeaderName);
        }

        if (!long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            return HookProblems.MalformedTimestamp(timestamps.Header);
        if (secret.Length == 0 || !WebhookSignature.IsValidSignature(signature, body, secret, seconds))
            return HookProblems.BadCredential(settings.HeaderName);
        var now = clock.GetUtcNow();
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((now - sentAt).Duration() > timestamps.Tolerance)
            return HookProblems.StaleTimestamp(timestamps.Header, timestamps.Tolerance);
        var key = $"{settings.Path}\n{WebhookSignature.Hex(signature)}";
        return Remember(key, forgetAt: sentAt + timestamps.Tolerance, now) ? null : HookProblems.Replayed();
    }

    /// <summary>
    /// True the first time a signature is seen. A remembered one is a replay: once its window has passed, the
    /// tolerance check above refuses the request before it gets here.
    /// </summary>
    private bool Remember(string key, DateTimeOffset forgetAt, DateTimeOffset now)
    {
        if (_accepted.Count > PruneAbove)
            foreach (var (old, until) in _accepted)
                if (until <= now) _accepted.TryRemove(old, out _);
        return _accepted.TryAdd(key, forgetAt);
    }
}
