namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// The state of a run this process has just created and queued, as its first checkpoint holds it. The worker that takes
/// the run uses it instead of reading the checkpoint back, unless the record moved past <paramref name="Version"/> (a
/// command changed the run while it was queued): a large run input is then parsed no more and held once.
/// </summary>
public sealed record CreatedRun(RunState State, long Version)
{
    /// <summary>
    /// At most this many queued runs carry their state (at most as many as there are workers): the queue otherwise holds
    /// ids only, so a burst of starts does not keep every input in memory until a worker is free.
    /// </summary>
    public static bool WorthHolding(int queueDepth, int workers) => queueDepth < workers;
}
