using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>The run options a start route accepts (docs/api.md, "Run options"), applied to the engine's start request.</summary>
public sealed record RunOptionsInput(string? CorrelationId, long? TimeoutMs, string? LockKey, OnLocked? OnLocked)
{
    /// <summary>The header a caller may send its correlation id in when the body or query leaves it out.</summary>
    public const string CorrelationHeader = "X-Correlation-Id";

    /// <summary>The seed route's options come from its query string (its body is the input).</summary>
    public static RunOptionsInput FromQuery(QueryReader query) => new(
        query.String("correlationId"),
        query.Long("timeoutMs", min: 1),
        query.String("lockKey"),
        query.Enum<OnLocked>("onLocked"));

    public StartExecutionRequest ApplyTo(StartExecutionRequest start, HttpRequest request) => start with
    {
        CorrelationId = CorrelationId ?? HeaderValue(request),
        TimeoutMs = TimeoutMs,
        LockKey = LockKey,
        OnLocked = OnLocked ?? Engine.Execution.OnLocked.Queue,
    };

    private static string? HeaderValue(HttpRequest request) =>
        request.Headers.TryGetValue(CorrelationHeader, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values.ToString() : null;
}
