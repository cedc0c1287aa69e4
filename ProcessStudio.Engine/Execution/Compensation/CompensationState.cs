namespace ProcessStudio.Engine.Execution.Compensation;

/// <summary>One completion of a node that declares a compensating path; its input and output are kept values.</summary>
public sealed class CompletedStep
{
    /// <summary>Position in completion order; also names the kept values and the idempotency key.</summary>
    public int Seq { get; set; }
    public string NodeId { get; set; } = "";
    /// <summary>The node-execution record of the completion being undone.</summary>
    public Guid RecordId { get; set; }

    public string InputKey => $"c{Seq}/input";
    public string OutputKey => $"c{Seq}/output";
}

/// <summary>
/// The cursor of a rollback, checkpointed with the run: the completion being undone, and whether its compensating path
/// was started. After a crash the run continues at the cursor; completions before it are never undone twice.
/// </summary>
public sealed class CompensationState
{
    /// <summary>What started the rollback: <see cref="CompensationReasons"/>.</summary>
    public string Reason { get; set; } = CompensationReasons.Manual;
    /// <summary>Index in <see cref="Runtime.RunState.Completions"/> of the completion being undone; -1 once all are.</summary>
    public int Cursor { get; set; }
    /// <summary>The compensating path of the completion at the cursor is on the agenda (or has run).</summary>
    public bool StepStarted { get; set; }
    /// <summary>The record that shows the completion at the cursor being undone; updated when its path ends.</summary>
    public Guid StepRecordId { get; set; }
    /// <summary>Set when a compensating path failed: the run ends compensationFailed with the cursor on that step.</summary>
    public bool Failed { get; set; }
}

public static class CompensationReasons
{
    public const string Failure = "failure";
    public const string Cancel = "cancel";
    public const string Manual = "manual";
}
