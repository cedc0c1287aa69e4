using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProcessStudio.Engine.Model;

/// <summary>A workflow as drawn: nodes, the links between their ports, variables and run settings.</summary>
public sealed class WorkflowDefinition
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; set; } = CurrentSchemaVersion;
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public List<NodeDefinition> Nodes { get; set; } = [];
    public List<Connection> Connections { get; set; } = [];
    public List<VariableDefinition> Variables { get; set; } = [];
    public WorkflowSettings Settings { get; set; } = new();
    /// <summary>Named regions of nodes, drawn as frames on the canvas; a Cancel node can stop one. Null when there are none.</summary>
    public List<NodeGroup>? Groups { get; set; }
    /// <summary>Sticky notes on the canvas: documentation only, never run, routed or counted as nodes.</summary>
    public List<StickyNote> StickyNotes { get; set; } = [];

    public NodeDefinition? FindNode(string nodeId) => Nodes.Find(n => n.Id == nodeId);
}

public sealed class NodeDefinition
{
    public string Id { get; set; } = "";
    /// <summary>The registered node type name, e.g. "http-request".</summary>
    public string Type { get; set; } = "";
    public string Name { get; set; } = "";
    public Position Position { get; set; } = new(0, 0);
    /// <summary>Values for the settings the node type declares. Strings may hold {{ expression }} templates.</summary>
    public JsonObject Settings { get; set; } = new();
    public NodePolicy Policy { get; set; } = new();
    public bool Disabled { get; set; }
    public string? Notes { get; set; }
    /// <summary>Designer-only mock input for "test a node". Never used by production runs.</summary>
    public JsonNode? PinnedInput { get; set; }
    /// <summary>
    /// An output pinned in the designer: test runs started from the designer use it instead of running the node
    /// (<see cref="Execution.ExecutionMode.Test"/>); production starts ignore it.
    /// </summary>
    public JsonNode? PinnedOutput { get; set; }
}

public sealed record Position(double X, double Y);

/// <summary>A named region of the workflow: the nodes inside one frame on the canvas.</summary>
public sealed class NodeGroup
{
    public string Name { get; set; } = "";
    public List<string> Nodes { get; set; } = [];
}

/// <summary>A link from one node's output port to another node's input port.</summary>
public sealed record Connection(string SourceNodeId, string SourcePort, string TargetNodeId, string TargetPort = Connection.DefaultInputPort)
{
    public const string DefaultInputPort = "in";
    public string Id => $"{SourceNodeId}:{SourcePort}->{TargetNodeId}:{TargetPort}";
}

public sealed record VariableDefinition(string Name, JsonNode? Default = null, string? Description = null);

public sealed class WorkflowSettings
{
    /// <summary>Name of the retry policy nodes use unless they set their own ("Default", "Strict", "None").</summary>
    public string DefaultRetryPolicy { get; set; } = RetryPolicyNames.Default;
    /// <summary>Default per-attempt timeout for nodes, in milliseconds; null means no timeout.</summary>
    public int? NodeTimeoutMs { get; set; }
    /// <summary>How many branches of one run may execute at the same time.</summary>
    public int MaxConcurrency { get; set; } = 4;
    /// <summary>Stops a runaway loop: the most node activations one run may perform.</summary>
    public int? MaxActivations { get; set; }
    /// <summary>Workflow started with the failure details when a run fails.</summary>
    public Guid? ErrorWorkflowId { get; set; }
    /// <summary>What a node failure (after its retries, without continue-on-error) does to the run: fail it, or pause it at that node.</summary>
    /// <remarks>Left out of the JSON when it is the default, so workflows that do not use it are written as before.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public FailureAction OnFailure { get; set; } = FailureAction.Fail;
    /// <summary>
    /// Longest a run may take, in milliseconds, counted from when it may start; a run past it is cancelled with status
    /// reason timedOut. Null: the configured default (<c>Engine:DefaultRunTimeoutMs</c>), none unless set. A start may override it.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? RunTimeoutMs { get; set; }

    /// <summary>
    /// When the engine undoes the completed nodes that declare a compensating path (<see cref="NodePolicy.Compensate"/>):
    /// when the run fails (default), when it fails or is cancelled, or only on demand. Left out of the JSON when default.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public CompensationTrigger Compensation { get; set; } = CompensationTrigger.OnFailure;

    public const int DefaultCheckpointIntervalMs = 1000;

    /// <summary>
    /// When a run's progress is made durable: after every step (default) or at boundaries (see docs/engine.md). Left out
    /// of the JSON when it is the default, so workflows that do not choose keep their shape.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public Durability Durability { get; set; } = Durability.EveryStep;
    /// <summary>
    /// With <see cref="Durability.AtBoundaries"/>: the longest a run goes between checkpoints, in milliseconds; null for
    /// <see cref="DefaultCheckpointIntervalMs"/>.
    /// </summary>
    public int? CheckpointIntervalMs { get; set; }
}

/// <summary>The durability a workflow chooses: what a crash may cost and what each step costs.</summary>
public enum Durability
{
    /// <summary>Every step commits its node record, logs and checkpoint; after a crash only the running nodes run again.</summary>
    EveryStep,
    /// <summary>
    /// Steps commit together at boundaries (waits, pauses, breakpoints, failures, cancellation, the end) and at least every
    /// <see cref="WorkflowSettings.CheckpointIntervalMs"/>; after a crash the steps since the last checkpoint run again.
    /// </summary>
    AtBoundaries,
}

/// <summary><see cref="WorkflowSettings.OnFailure"/>: <c>pause</c> leaves the run paused at the failed node, so an operator can fix and resume it.</summary>
public enum FailureAction { Fail, Pause }

/// <summary><see cref="WorkflowSettings.Compensation"/>: what starts a rollback besides the compensate command.</summary>
public enum CompensationTrigger { OnFailure, OnFailureOrCancel, Manual }

/// <summary>Per-node resilience: which retry policy, its timeout, and whether an error continues on the error port.</summary>
public sealed class NodePolicy
{
    /// <summary>A named policy, "Custom", or null to inherit the workflow default.</summary>
    public string? RetryPolicy { get; set; }
    public CustomRetryPolicy? Custom { get; set; }
    public int? TimeoutMs { get; set; }
    public bool ContinueOnError { get; set; }
    /// <summary>
    /// The node has a <c>compensate</c> output port: the path from it undoes the node (with <c>$compensating</c> in scope)
    /// when the run is rolled back. Left out of the JSON when false.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Compensate { get; set; }
}

public sealed class CustomRetryPolicy
{
    public int MaxRetries { get; set; } = 3;
    public int DelayMs { get; set; } = 1000;
    public BackoffKind Backoff { get; set; } = BackoffKind.Exponential;
    public double Multiplier { get; set; } = 2.0;
    public bool Jitter { get; set; }
    /// <summary>Which failures are retried: "timeout", "transient-http", "http-5xx", "http-429", "any".</summary>
    public List<string> RetryOn { get; set; } = ["timeout", "transient-http"];
}

public enum BackoffKind { Constant, Linear, Exponential }

public static class RetryPolicyNames
{
    public const string Default = "Default";
    public const string Strict = "Strict";
    public const string None = "None";
    public const string Custom = "Custom";
}
