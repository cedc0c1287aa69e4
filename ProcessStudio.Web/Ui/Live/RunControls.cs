using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Which commands the run's state allows, following the engine's state machine.</summary>
public sealed record RunControls(bool CanPause, bool CanResume, bool CanCancel, bool CanRetry, bool CanRetryFromFailed, bool CanStep)
{
    public static RunControls For(ExecutionViewModel run) => For(run.Status, run.IsAtBreakpoint, run.Execution.ErrorNodeId is not null);

    public static RunControls For(ExecutionStatus status, bool atBreakpoint, bool hasFailedNode) => new(
        CanPause: status == ExecutionStatus.Running,
        CanResume: status == ExecutionStatus.Paused,
        CanCancel: status is ExecutionStatus.Queued or ExecutionStatus.Pending or ExecutionStatus.Running or ExecutionStatus.Paused or ExecutionStatus.Waiting,
        CanRetry: status.IsFinished(),
        CanRetryFromFailed: status == ExecutionStatus.Failed && hasFailedNode,
        CanStep: status == ExecutionStatus.Paused && atBreakpoint);
}
