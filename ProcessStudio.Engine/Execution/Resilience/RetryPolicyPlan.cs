using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Execution.Resilience;

/// <summary>A retry policy reduced to numbers: how many retries, which failures, and the delay before retry n (0-based).</summary>
public sealed record RetryPolicyPlan(string Name, int MaxRetries, IReadOnlyList<string> RetryOn, Func<int, TimeSpan> Delay)
{
    public int MaxAttempts => MaxRetries + 1;

    /// <summary>Whether this policy retries the failure at all (how often is <see cref="MaxRetries"/>).</summary>
    public bool Retries(Exception error) => MaxRetries > 0 && FailureClassifier.Matches(error, RetryOn);

    public static readonly RetryPolicyPlan None = new(RetryPolicyNames.None, 0, [], _ => TimeSpan.Zero);

    /// <summary>3 retries, 1s → 2s → 4s, on timeouts, transient HTTP failures and other transient failures.</summary>
    public static readonly RetryPolicyPlan Default = new(RetryPolicyNames.Default, 3,
        [FailureClassifier.Timeout, FailureClassifier.TransientHttp, FailureClassifier.Transient], n => TimeSpan.FromSeconds(Math.Pow(2, n)));

    /// <summary>5 retries, 500 ms growing ×1.5, on timeouts only.</summary>
    public static readonly RetryPolicyPlan Strict = new(RetryPolicyNames.Strict, 5,
        [FailureClassifier.Timeout], n => TimeSpan.FromMilliseconds(500 * Math.Pow(1.5, n)));

    public static readonly IReadOnlyList<string> KnownNames =
        [RetryPolicyNames.Default, RetryPolicyNames.Strict, RetryPolicyNames.None, RetryPolicyNames.Custom];

    /// <summary>The plan for a node: its own policy, else the workflow default.</summary>
    public static RetryPolicyPlan For(NodePolicy policy, WorkflowSettings settings)
    {
        var name = policy.RetryPolicy ?? settings.DefaultRetryPolicy;
        if (string.Equals(name, RetryPolicyNames.Custom, StringComparison.OrdinalIgnoreCase) && policy.Custom is { } custom)
            return FromCustom(custom);
        return Named(name) ?? Default;
    }

    public static RetryPolicyPlan? Named(string? name) => name?.ToLowerInvariant() switch
    {
        "default" => Default,
        "strict" => Strict,
        "none" => None,
        _ => null,
    };

    public static RetryPolicyPlan FromCustom(CustomRetryPolicy custom)
    {
        var baseDelay = TimeSpan.FromMilliseconds(Math.Max(0, custom.DelayMs));
        Func<int, TimeSpan> delay = custom.Backoff switch
        {
            BackoffKind.Constant => _ => baseDelay,
            BackoffKind.Linear => n => baseDelay * (n + 1),
            _ => n => baseDelay * Math.Pow(custom.Multiplier, n),
        };
        if (custom.Jitter)
        {
            var plain = delay;
            delay = n => plain(n) * (0.75 + Random.Shared.NextDouble() * 0.5);   // ±25% so retries of many runs spread out
        }
        return new(RetryPolicyNames.Custom, Math.Max(0, custom.MaxRetries), custom.RetryOn, delay);
    }
}
