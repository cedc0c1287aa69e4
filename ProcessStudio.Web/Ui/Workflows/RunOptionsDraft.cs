using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Web.Ui.Workflows;

/// <summary>The run dialog's optional run options as typed, turned into the start request's (docs/engine.md, "Run options").</summary>
public sealed class RunOptionsDraft
{
    public string CorrelationId { get; set; } = "";
    /// <summary>A duration such as 30s or 5m; empty keeps the workflow's timeout.</summary>
    public string Timeout { get; set; } = "";
    public string LockKey { get; set; } = "";
    public OnLocked OnLocked { get; set; } = OnLocked.Queue;

    /// <summary>Why the timeout cannot be used, or null.</summary>
    public string? TimeoutProblem =>
        string.IsNullOrWhiteSpace(Timeout) || (DurationParser.TryParse(Timeout, out var d) && d > TimeSpan.Zero) ? null : $"Timeout must be {DurationParser.Hint}, more than 0.";

    public StartExecutionRequest ApplyTo(StartExecutionRequest start) => start with
    {
        CorrelationId = string.IsNullOrWhiteSpace(CorrelationId) ? null : CorrelationId,
        TimeoutMs = DurationParser.TryParse(Timeout, out var timeout) && timeout > TimeSpan.Zero ? (long)timeout.TotalMilliseconds : null,
        LockKey = string.IsNullOrWhiteSpace(LockKey) ? null : LockKey,
        OnLocked = OnLocked,
    };
}
