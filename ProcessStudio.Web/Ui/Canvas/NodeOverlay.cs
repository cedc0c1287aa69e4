using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>Live state drawn over one canvas node by the monitor: status, retry attempt, duration, progress and error.</summary>
public sealed record NodeOverlay(
    NodeExecutionStatus Status,
    int Attempt = 0,
    int MaxAttempts = 0,
    long? DurationMs = null,
    NodeProgress? Progress = null,
    string? Error = null);
