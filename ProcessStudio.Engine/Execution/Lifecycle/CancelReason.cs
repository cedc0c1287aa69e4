using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Lifecycle;

/// <summary>Why a run is cancelled when no person asked for it: recorded as its status reason and error message.</summary>
public sealed record CancelReason(string StatusReason, string Message)
{
    /// <summary>The run passed its deadline (<see cref="ExecutionRecord.TimeoutMs"/> after it could start).</summary>
    public static CancelReason TimedOut(ExecutionRecord run) =>
        new(StatusReasons.TimedOut, $"The run exceeded its timeout of {FormatDuration(run.TimeoutMs ?? 0)} and was cancelled.");

    /// <summary>Writes the reason on a run moving to cancelled; a plain cancel leaves both fields empty.</summary>
    public static void Record(ExecutionRecord run, CancelReason? reason)
    {
        if (reason is null) return;
        run.StatusReason = reason.StatusReason;
        run.ErrorMessage = reason.Message;
    }

    public static string LogMessage(CancelReason? reason) => reason?.Message ?? "Execution cancelled.";

    private static string FormatDuration(long ms) => TimeSpan.FromMilliseconds(ms) switch
    {
        { TotalHours: >= 1 } t => $"{t.TotalHours:0.##} h",
        { TotalMinutes: >= 1 } t => $"{t.TotalMinutes:0.##} min",
        var t => $"{t.TotalSeconds:0.###} s",
    };
}
