namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>
/// The event types a commit writes to the outbox. The public ones are what event subscriptions may ask for; a waiting
/// run is an internal event whose handler looks for approvals that started waiting.
/// </summary>
public static class RunEventTypes
{
    public const string Completed = "execution.completed";
    public const string Failed = "execution.failed";
    public const string Cancelled = "execution.cancelled";
    public const string Paused = "execution.paused";
    public const string Compensated = "execution.compensated";
    public const string CompensationFailed = "execution.compensationFailed";
    public const string ApprovalRequested = "approval.requested";

    /// <summary>Internal: the run parked; approvals among its waits are announced as <see cref="ApprovalRequested"/>.</summary>
    public const string Waiting = "execution.waiting";

    /// <summary>A test delivery sent from Settings → Subscriptions; never raised by a run.</summary>
    public const string Test = "subscription.test";

    public static readonly IReadOnlyList<string> Public = [Completed, Failed, Cancelled, Paused, ApprovalRequested, Compensated, CompensationFailed];

    /// <summary>The event a move to <paramref name="status"/> implies, if any.</summary>
    public static string? ForStatus(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Completed => Completed,
        ExecutionStatus.Failed => Failed,
        ExecutionStatus.Cancelled => Cancelled,
        ExecutionStatus.Paused => Paused,
        ExecutionStatus.Waiting => Waiting,
        ExecutionStatus.Compensated => Compensated,
        ExecutionStatus.CompensationFailed => CompensationFailed,
        _ => null,
    };
}
