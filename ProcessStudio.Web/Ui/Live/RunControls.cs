using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>Which commands the run's state allows, following the engine's state machine.</summary>
public sealed record RunControls(bool CanPause, bool CanResume, bool CanCancel, bool CanRetry, bool CanRetryFromFailed, bool CanStep,
    bool CanCompensate = false)
{
    public static RunControls For(ExecutionViewModel run) =>
        For(run.Status, run.IsAtBreakpoint, run.Execution.ErrorNodeId is not null, HasCompletedWorkToUndo(run));

    /// <summary>A node that declares a compensating path completed and has not been compensated yet.</summary>
    private static bool HasCompletedWorkToUndo(ExecutionViewModel run) =>
        run.Compensable.Any(id => run.Nodes.GetValueOrDefault(id) is { Status: NodeExecutionStatus.Succeeded, Compensation: not NodeExecutionStatus.Succeeded });

    public static RunControls For(ExecutionStatus status, bool atBreakpoint, bool hasFailedNode, bool hasCompletedWorkToUndo = false) => new(
        CanPause: status == ExecutionStatus.Running,
        CanResume: status == ExecutionStatus.Paused,
        CanCancel: status is ExecutionStatus.Queued or ExecutionStatus.Pending or ExecutionStatus.Running or ExecutionStatus.Paused or ExecutionStatus.Waiting,
        CanRetry: status.IsFinished(),
        CanRetryFromFailed: status == ExecutionStatus.Failed && hasFailedNode,
        CanStep: status == ExecutionStatus.Paused && atBreakpoint,
        CanCompensate: status is ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.CompensationFailed && hasCompletedWorkToUndo);
}
