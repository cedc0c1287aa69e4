using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Web.Ui.Live;

/// <summary>One activation of a node on the run's time axis, with each attempt it made.</summary>
public sealed record TimelineBar(
    Guid NodeExecutionId,
    string NodeId,
    NodeExecutionStatus Status,
    DateTimeOffset Start,
    DateTimeOffset? End,
    IReadOnlyList<AttemptSpan> Attempts,
    bool Compensation = false)
{
    public bool IsOpen => End is null;
}

/// <summary>One attempt of a node activation; <see cref="Error"/> is set when the attempt failed.</summary>
public sealed record AttemptSpan(int Number, DateTimeOffset Start, DateTimeOffset? End, string? Error);
