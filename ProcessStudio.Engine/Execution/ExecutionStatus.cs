namespace ProcessStudio.Engine.Execution;

/// <summary>
/// Run states: pending → running ⇄ paused; running ⇄ waiting (parked, no worker held, until a signal or a timer);
/// running → completed | failed | cancelled; paused or waiting → cancelled. A start whose lock key is held waits as
/// queued → pending (released when the holder ends) or is cancelled there. A rollback (docs/engine.md, "Compensation")
/// runs as running and ends compensated or compensationFailed; a failed, cancelled or compensationFailed run goes back to
/// running only to be compensated.
/// </summary>
public enum ExecutionStatus { Pending, Running, Paused, Completed, Failed, Cancelled, Waiting, Queued, Compensated, CompensationFailed }

public enum NodeExecutionStatus { Pending, Running, Retrying, Succeeded, Failed, Skipped, Paused, Cancelled, Waiting }

/// <summary>How a run was started.</summary>
public enum ExecutionMode
{
    Manual, Api, Retry, Test, Webhook, Schedule, SubWorkflow,
    /// <summary>Started because another run failed and its workflow names this one as its error workflow.</summary>
    ErrorWorkflow,
}

/// <summary>How a failed or finished run is retried.</summary>
public enum RetryMode
{
    /// <summary>A new run from the trigger with the same input.</summary>
    FromStart,
    /// <summary>Continue from the node that failed, with the memory saved at that point.</summary>
    FromFailedNode,
    /// <summary>Restart from any node that ran, with the memory as it was when that node started.</summary>
    FromNode,
}

/// <summary>Which version of the workflow a retry runs.</summary>
public enum RetryVersion
{
    /// <summary>The version the retried run ran (the default).</summary>
    Original,
    /// <summary>The latest saved version, e.g. after fixing the node that failed.</summary>
    Current,
}

/// <summary>Why a run stopped, when its status alone does not say.</summary>
public static class StatusReasons
{
    /// <summary>Cancelled because it ran past its run timeout; its failure reactions fire like a failed run's.</summary>
    public const string TimedOut = "timedOut";
}

public static class ExecutionStatusExtensions
{
    /// <summary>The status as the API, events and error workflow inputs spell it: "failed", "compensationFailed".</summary>
    public static string ApiName(this ExecutionStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static bool IsFinished(this ExecutionStatus status) =>
        status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled
            or ExecutionStatus.Compensated or ExecutionStatus.CompensationFailed;

    /// <summary>
    /// Ended by a failure nobody handled: failed, or a rollback that failed. Both start the error workflow and count as
    /// failed on the dashboard; a compensated run's failure was handled by its rollback.
    /// </summary>
    public static bool IsFailure(this ExecutionStatus status) => status is ExecutionStatus.Failed or ExecutionStatus.CompensationFailed;

    /// <summary>Ended by the run itself, successfully or not (every finished status but cancelled): what a success rate is out of.</summary>
    public static bool EndedByItself(this ExecutionStatus status) => status.IsFinished() && status != ExecutionStatus.Cancelled;

    /// <summary>Ended by a failure or a cancel, possibly rolled back: the statuses a run that did not complete ends in.</summary>
    public static bool EndedUnsuccessfully(this ExecutionStatus status) =>
        status is ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.Compensated or ExecutionStatus.CompensationFailed;
}
