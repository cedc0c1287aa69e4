using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Persistence;

/// <summary>What a command asks of a run that another instance drives.</summary>
public enum RunCommandKind { Pause = 1, Cancel = 2, Signal = 3 }

/// <summary>Where a command row stands: written, taken by the run's holder (never again), answered, or given up by its sender.</summary>
public enum RunCommandState { Pending = 0, Claimed = 1, Done = 2, Withdrawn = 3 }

/// <summary>How the holder's coordinator answered: applied, refused by the run's status, or an unknown run or node.</summary>
public enum RunCommandResult { Applied = 1, Refused = 2, NotFound = 3, Failed = 4 }

/// <summary>A command for a run, as the sending instance wrote it.</summary>
public sealed record RunCommand(Guid Id, Guid ExecutionId, RunCommandKind Kind, string? NodeId, JsonNode? Payload, DateTimeOffset CreatedAt);

/// <summary>
/// The holder's answer: the result, the run's status when it was refused, the reason in words (for NotFound: what was
/// not found) and, for NotFound, the id that was not found.
/// </summary>
public sealed record RunCommandOutcome(RunCommandResult Result, ExecutionStatus? Status, string? Message, string? Subject = null);

/// <summary>The command row as its sender sees it while waiting.</summary>
public sealed record RunCommandProgress(RunCommandState State, RunCommandOutcome? Outcome);

/// <summary>
/// Commands for runs driven by another instance on the same database (docs/scale-out.md). A command is claimed once:
/// a claimed row is never handed out again, so a holder that crashes after applying it cannot cause a second application.
/// </summary>
public interface IRunCommandStore
{
    Task AddAsync(RunCommand command, CancellationToken cancellationToken);

    /// <summary>Claims the pending commands of the given runs (the ones the caller holds leases on), oldest first. Concurrent callers get disjoint rows.</summary>
    Task<IReadOnlyList<RunCommand>> ClaimAsync(IReadOnlyCollection<Guid> executionIds, string owner, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Writes the outcome of a command the owner claimed.</summary>
    Task CompleteAsync(Guid commandId, string owner, RunCommandOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The command's state and outcome; null when the row is gone.</summary>
    Task<RunCommandProgress?> ProgressAsync(Guid commandId, CancellationToken cancellationToken);

    /// <summary>Takes a still-pending command back (its sender gives up); false when a holder claimed it first.</summary>
    Task<bool> WithdrawAsync(Guid commandId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the command (its sender read the outcome, or withdrew it).</summary>
    Task DeleteAsync(Guid commandId, CancellationToken cancellationToken);

    /// <summary>Deletes rows older than <paramref name="cutoff"/> whose sender never came back for them.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>One instance alone: no run is ever driven elsewhere, so no command is ever written or claimed.</summary>
public sealed class SingleInstanceRunCommands : IRunCommandStore
{
    public static readonly SingleInstanceRunCommands Instance = new();

    public Task AddAsync(RunCommand command, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A single instance drives every run itself; there is no other instance to send a command to.");

    public Task<IReadOnlyList<RunCommand>> ClaimAsync(IReadOnlyCollection<Guid> executionIds, string owner, DateTimeOffset now, int limit,
        CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RunCommand>>([]);

    public Task CompleteAsync(Guid commandId, string owner, RunCommandOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<RunCommandProgress?> ProgressAsync(Guid commandId, CancellationToken cancellationToken) => Task.FromResult<RunCommandProgress?>(null);

    public Task<bool> WithdrawAsync(Guid commandId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task DeleteAsync(Guid commandId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);
}
