using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Canvas;

/// <summary>
/// Live state drawn over one canvas node by the monitor: status, retry attempt, duration, progress and error, and when the
/// run is rolled back, how the node's compensation goes (running, succeeded = compensated, failed).
/// </summary>
public sealed record NodeOverlay(
    NodeExecutionStatus Status,
    int Attempt = 0,
    int MaxAttempts = 0,
    long? DurationMs = null,
    NodeProgress? Progress = null,
    string? Error = null,
    NodeExecutionStatus? Compensation = null);
