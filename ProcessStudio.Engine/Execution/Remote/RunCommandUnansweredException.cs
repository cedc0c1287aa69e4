namespace ProcessStudio.Engine.Execution.Remote;

/// <summary>
/// The instance driving the run did not answer a command in time. <see cref="Withdrawn"/>: it never took the command,
/// which was taken back and will not be applied; otherwise it took it and whether it applied it is unknown.
/// </summary>
public sealed class RunCommandUnansweredException(Guid executionId, string command, bool withdrawn, TimeSpan waited)
    : Exception(withdrawn
        ? $"Cannot {command} execution {executionId} now: the instance driving it did not take the command within {waited.TotalSeconds:0.#} s; it was not applied. Try again."
        : $"The instance driving execution {executionId} took the command to {command} it but did not answer within {waited.TotalSeconds:0.#} s; look at the run to see whether it was applied.")
{
    public Guid ExecutionId { get; } = executionId;
    public bool Withdrawn { get; } = withdrawn;
}
