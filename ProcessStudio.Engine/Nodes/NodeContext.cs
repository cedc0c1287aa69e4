using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Nodes;

/// <summary>What a node sees while it runs: its definition, its input, the expression scope and ways to log and report progress.</summary>
public sealed class NodeContext
{
    private readonly Action<LogLevel, string, JsonNode?> _log;
    private readonly Action<NodeProgress> _progress;

    public NodeContext(Action<LogLevel, string, JsonNode?> log, Action<NodeProgress> progress)
    {
        _log = log;
        _progress = progress;
    }

    public required Guid ExecutionId { get; init; }
    public required WorkflowDefinition Workflow { get; init; }
    public required NodeDefinition Node { get; init; }
    /// <summary>The data that arrived on the input port (<c>$json</c>).</summary>
    public JsonNode? Input { get; init; }
    /// <summary>State this node returned on its previous activation (Delay's due time, For Each's cursor).</summary>
    public JsonNode? State { get; init; }
    /// <summary>
    /// The payload delivered to a waiting activation that is re-activated by <see cref="IWorkflowEngine.SignalAsync"/>;
    /// null when woken by its timer or by recovery.
    /// </summary>
    public JsonNode? Signal { get; init; }
    /// <summary>Signals queued for this activation since it last ran (see <see cref="NodeType.TakesSignalsWhileBodiesRun"/>), oldest first.</summary>
    public IReadOnlyList<JsonNode?> QueuedSignals { get; init; } = [];
    /// <summary>Body iterations that finished since the last activation of this loop node.</summary>
    public IReadOnlyList<BodyResult> FinishedBodies { get; init; } = [];
    /// <summary>
    /// Reads a value this activation kept on an earlier activation (<see cref="NodeOutcome.Keeping"/>); null when none.
    /// Kept values are stored once, not with every checkpoint, so large lists cost nothing per step. Read-only.
    /// </summary>
    public Func<string, JsonNode?> Kept { get; init; } = static _ => null;
    public required ExpressionScope Scope { get; init; }
    public required IExpressionEngine Expressions { get; init; }
    /// <summary>Fires when the run is being paused; long waits (Delay) stop early and suspend with what is left.</summary>
    public CancellationToken PauseRequested { get; init; }
    public int Attempt { get; internal set; } = 1;
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public JsonNode? Setting(string name) => Node.Settings[name];

    /// <summary>The setting with its {{ }} templates rendered (objects and arrays are walked).</summary>
    public JsonNode? Evaluated(string name, CancellationToken cancellationToken) =>
        Expressions.EvaluateDeep(Node.Settings[name], Scope, cancellationToken);   // builds a new value; the setting is only read

    public string? EvaluatedText(string name, CancellationToken cancellationToken) =>
        Evaluated(name, cancellationToken) is { } value ? NodeJson.AsText(value) : null;

    public JsonNode? Evaluate(string expression, CancellationToken cancellationToken) =>
        Expressions.Evaluate(expression, Scope, cancellationToken);

    public void Log(LogLevel level, string message, JsonNode? data = null) => _log(level, message, data);

    public void ReportProgress(NodeProgress progress) => _progress(progress);
}
