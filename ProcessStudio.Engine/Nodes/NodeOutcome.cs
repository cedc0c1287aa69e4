using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes;

/// <summary>
/// What a node activation asks the orchestrator to do next. Nodes never touch run memory directly: variable changes,
/// routing and parking are all expressed here and applied by the orchestrator in the step's transaction.
/// Failures are exceptions (see <see cref="NodeFailedException"/>), so the retry pipeline sees them.
/// </summary>
public sealed record NodeOutcome
{
    public OutcomeKind Kind { get; private init; }
    /// <summary>Ports the output flows out of (Completed). Other ports of the node become dead paths.</summary>
    public IReadOnlyList<string> Ports { get; private init; } = [];
    public JsonNode? Output { get; private init; }
    /// <summary>Run variables to set when the step commits.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? Variables { get; private init; }
    /// <summary>Node-private state kept in the checkpoint and handed back on the next activation (Suspended, RunBody).</summary>
    public JsonNode? State { get; private init; }
    /// <summary>For RunBody: the port whose branch forms the body, and one child scope per run.</summary>
    public string? BodyPort { get; private init; }
    public IReadOnlyList<BodyRun> Bodies { get; private init; } = [];
    /// <summary>For Waiting: when the run should re-activate this node without a signal (a timer or a timeout), if ever.</summary>
    public DateTimeOffset? WakeAt { get; private init; }
    /// <summary>Values to keep for later activations of this activation (read with <see cref="NodeContext.Kept"/>); dropped when it completes.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? Kept { get; private init; }

    public static NodeOutcome Next(JsonNode? output, string port = "out") => Route(output, port == "out" ? OutPort : [port]);

    private static readonly IReadOnlyList<string> OutPort = ["out"];   // most outcomes: no list per step

    public static NodeOutcome Route(JsonNode? output, IReadOnlyList<string> ports) =>
        new() { Kind = OutcomeKind.Completed, Output = output, Ports = ports };

    /// <summary>Put this activation back on the agenda with <paramref name="state"/> (committed), to be run again.</summary>
    public static NodeOutcome Suspend(JsonNode state) => new() { Kind = OutcomeKind.Suspended, State = state };

    /// <summary>
    /// Park this activation with <paramref name="state"/> until a signal arrives (<see cref="NodeContext.Signal"/>) or
    /// <paramref name="wakeAt"/> passes. When nothing else in the run can proceed, the run commits as waiting and releases
    /// its worker. On re-activation the node must check its own condition again: a signal is only a nudge.
    /// </summary>
    public static NodeOutcome Wait(JsonNode state, DateTimeOffset? wakeAt = null) => new() { Kind = OutcomeKind.Waiting, State = state, WakeAt = wakeAt };

    /// <summary>Run the branch behind <paramref name="port"/> once per body in its own child scope, then re-activate this node.</summary>
    public static NodeOutcome RunBody(string port, IReadOnlyList<BodyRun> bodies, JsonNode state) =>
        new() { Kind = OutcomeKind.RunBody, BodyPort = port, Bodies = bodies, State = state };

    /// <summary>Set by End: once this step commits the run completes, and whatever else still runs is cancelled.</summary>
    public bool EndsRun { get; private init; }

    /// <summary>Set by Cancel: the work this step cancels (pending activations of those nodes, with their loop iterations).</summary>
    public CancelTarget? Cancels { get; private init; }

    /// <summary>
    /// A loop node that completes while iterations still run cancels them, unless this is set: they then finish on their
    /// own and their results are not used (For Each with onRemaining: ignore).
    /// </summary>
    public bool LetsBodiesFinish { get; private init; }

    public NodeOutcome EndingRun() => this with { EndsRun = true };

    public NodeOutcome LettingBodiesFinish() => this with { LetsBodiesFinish = true };

    public NodeOutcome Cancelling(CancelTarget target) => this with { Cancels = target };

    public NodeOutcome WithVariables(IReadOnlyDictionary<string, JsonNode?> variables) => this with { Variables = variables };

    /// <summary>
    /// Keeps values for this activation's later runs, written to the store once instead of with every step's state:
    /// what a node that runs many times (For Each) should do with anything that grows with its input.
    /// </summary>
    public NodeOutcome Keeping(IReadOnlyDictionary<string, JsonNode?> values) => this with { Kept = values };
}

public enum OutcomeKind { Completed, Suspended, RunBody, Waiting }

/// <summary>
/// What a Cancel node stops: the pending and running activations of <paramref name="NodeIds"/> (and, with
/// <paramref name="Downstream"/>, of every node reachable from them), including the iterations of a loop node among them.
/// <paramref name="Label"/> names the target in logs ("group 'Payments'", "branch after 'Fetch'").
/// </summary>
public sealed record CancelTarget(IReadOnlyCollection<string> NodeIds, bool Downstream, string Label);

/// <summary>One iteration of a loop body: <c>$item</c>/<c>$index</c> in its scope and the data sent out of the body port.</summary>
public sealed record BodyRun(int Index, JsonNode? Item, JsonNode? Output);

/// <summary>A finished body iteration handed back to the loop node: the output of the last node that completed in it.</summary>
public sealed record BodyResult(int Index, JsonNode? Result);

/// <summary>A node failure with a message for people. Not retried unless the policy retries "any" error.</summary>
public class NodeFailedException(string message, string errorType = "NodeFailed", JsonNode? details = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string ErrorType { get; } = errorType;
    public JsonNode? Details { get; } = details;
}
