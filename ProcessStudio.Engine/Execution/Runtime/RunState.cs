using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// Everything needed to continue a run: the agenda of pending activations, loop scopes, join arrivals and memory.
/// Checkpointed after every step, whole or as a delta (<see cref="CheckpointWriter"/>).
/// </summary>
public sealed class RunState
{
    public const int CurrentFormat = 1;
    public const string RootScope = "root";

    public int Format { get; set; } = CurrentFormat;
    public Guid WorkflowId { get; set; }
    public int WorkflowVersion { get; set; }
    /// <summary>The number of the next step; a checkpoint with this step number is the state at the start of that step.</summary>
    public long Step { get; set; } = 1;
    public long NextActivationId { get; set; } = 1;
    public int NextScopeId { get; set; } = 1;
    /// <summary>Node activations started so far (an activation that runs again after a suspension counts once).</summary>
    public int ActivationCount { get; set; }
    /// <summary>Activations started in the root scope, checked against the run's MaxActivations (loop iterations count their own).</summary>
    public int RootActivationCount { get; set; }

    public JsonNode? TriggerInput { get; set; }
    public JsonObject Variables { get; set; } = [];
    /// <summary>
    /// The latest output of every node that completed, keyed by node id and by node name (<c>$node</c>). Set through
    /// <see cref="SetOutput"/> only, so a delta checkpoint knows what changed; outputs are replaced, never changed in place.
    /// </summary>
    public JsonObject NodeOutputs { get; set; } = [];
    public JsonNode? LastOutput { get; set; }
    public HashSet<string> CompletedNodeIds { get; set; } = [];
    public HashSet<string> FailedNodeIds { get; set; } = [];

    /// <summary>Pending activations, oldest first. Running ones stay here until their step commits.</summary>
    public List<Activation> Agenda { get; set; } = [];
    /// <summary>Loop nodes waiting for their body scopes, by activation id.</summary>
    public Dictionary<long, Activation> Parked { get; set; } = [];
    public Dictionary<string, ScopeState> Scopes { get; set; } = [];
    /// <summary>Arrivals at nodes with several incoming links, keyed by "scope/node".</summary>
    public Dictionary<string, ArrivalState> Arrivals { get; set; } = [];
    /// <summary>Arrivals at join nodes, keyed by "scope/node" (see <see cref="JoinGate"/>).</summary>
    public Dictionary<string, JoinState> Joins { get; set; } = [];

    /// <summary>
    /// Values kept once and referenced by key, so a step never rewrites them: the inputs of activations that run again
    /// (<see cref="Activation.InputKey"/>) and values a node keeps between its activations (For Each's items and results).
    /// Keys are "activationId/name"; an activation's values are dropped when it completes. Immutable, so a node running
    /// off the loop thread reads a stable snapshot.
    /// </summary>
    public ImmutableDictionary<string, JsonNode?> Values { get; set; } = ImmutableDictionary<string, JsonNode?>.Empty;

    /// <summary>
    /// Completions of nodes that declare a compensating path, in completion order: what a rollback undoes, last first.
    /// Their input and output are kept in <see cref="Values"/>, so a checkpoint writes each once.
    /// </summary>
    public List<Compensation.CompletedStep> Completions { get; set; } = [];
    /// <summary>Set while the run is rolled back (and after): which completion is being undone.</summary>
    public Compensation.CompensationState? Compensation { get; set; }

    /// <summary>The activation a breakpoint stopped before; it runs without stopping again when the run continues.</summary>
    public long? ReleasedBreakpoint { get; set; }

    /// <summary>Outputs set and nodes completed since the last committed checkpoint: what a delta checkpoint writes.</summary>
    internal RunStateChanges Changes { get; } = new();

    public void SetOutput(string key, JsonNode? output)
    {
        NodeOutputs[key] = output;
        Changes.Outputs.Add(key);
    }

    public void MarkCompleted(string nodeId)
    {
        if (CompletedNodeIds.Add(nodeId)) Changes.Completed.Add(nodeId);
    }

    private const string InputValue = "$json";

    /// <summary>The key under which <paramref name="activation"/> keeps the value named <paramref name="name"/>.</summary>
    public static string ValueKey(Activation activation, string name) => $"{activation.Id}/{name}";

    public void Keep(Activation activation, string name, JsonNode? value)
    {
        var key = ValueKey(activation, name);
        Values = Values.SetItem(key, value);
        Changes.Values.Add(key);
        activation.KeepsValues = true;
    }

    /// <summary>Keeps a value that belongs to no activation (a completion's input and output) under its own key.</summary>
    public void KeepValue(string key, JsonNode? value)
    {
        Values = Values.SetItem(key, value);
        Changes.Values.Add(key);
    }

    /// <summary>
    /// Keeps the input of an activation that will run again as a value, so later checkpoints refer to it instead of
    /// writing it with the agenda every step. Scalars cost less than a reference and stay inline.
    /// </summary>
    public void KeepInput(Activation activation)
    {
        if (activation.InputKey is not null || activation.Input is not (JsonObject or JsonArray)) return;
        Keep(activation, InputValue, activation.Input);
        activation.InputKey = ValueKey(activation, InputValue);
    }

    /// <summary>Drops every value an activation kept; called when it completes.</summary>
    public void DropValues(Activation activation)
    {
        if (!activation.KeepsValues) return;
        activation.KeepsValues = false;
        var prefix = $"{activation.Id}/";
        var keys = Values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (keys.Count == 0) return;
        Values = Values.RemoveRange(keys);
        Changes.DroppedValues.Add(prefix);
        foreach (var key in keys) Changes.Values.Remove(key);
        activation.InputKey = null;
    }

    /// <summary>Points the activations that refer to kept values back at them, after reading a checkpoint.</summary>
    internal void ResolveKeptInputs()
    {
        foreach (var activation in Agenda.Concat(Parked.Values))
            if (activation.InputKey is { } key)
                activation.Input = Values.TryGetValue(key, out var input) ? input : null;
    }

    /// <summary>The whole state as JSON: a checkpoint that needs no other to be read.</summary>
    public string Serialize() => JsonSerializer.Serialize(this, RunStateJsonContext.Default.RunState);

    /// <summary>Reads a checkpoint; throws <see cref="CheckpointInvalidException"/> when it is not a state this engine can continue.</summary>
    public static RunState Deserialize(Guid executionId, string json)
    {
        RunState? state;
        try { state = JsonSerializer.Deserialize(json, RunStateJsonContext.Default.RunState); }
        catch (JsonException ex) { throw new CheckpointInvalidException(executionId, $"its checkpoint is not readable ({ex.Message})"); }
        if (state is null) throw new CheckpointInvalidException(executionId, "its checkpoint is empty");
        if (state.Format > CurrentFormat) throw new CheckpointInvalidException(executionId, $"its checkpoint format {state.Format} is newer than this engine");
        state.ResolveKeptInputs();
        return state;
    }
}

/// <summary>What grew in a <see cref="RunState"/> since its last checkpoint, in the order it happened.</summary>
internal sealed class RunStateChanges
{
    public OrderedSet Outputs { get; } = new();
    public List<string> Completed { get; } = [];
    /// <summary>Kept values added since the last checkpoint, and the key prefixes dropped (applied before the additions).</summary>
    public OrderedSet Values { get; } = new();
    public List<string> DroppedValues { get; } = [];

    public void Clear()
    {
        Outputs.Clear();
        Completed.Clear();
        Values.Clear();
        DroppedValues.Clear();
    }

    /// <summary>Keys in the order they were first added: new outputs must be appended in the order the run added them.</summary>
    internal sealed class OrderedSet : IEnumerable<string>
    {
        private readonly List<string> _keys = [];
        private readonly HashSet<string> _seen = [];

        public void Add(string key)
        {
            if (_seen.Add(key)) _keys.Add(key);
        }

        public void Remove(string key)
        {
            if (_seen.Remove(key)) _keys.Remove(key);
        }

        public void Clear()
        {
            _seen.Clear();
            _keys.Clear();
        }

        /// <summary>The list's own enumerator: a foreach over the set (every checkpoint) boxes nothing.</summary>
        public List<string>.Enumerator GetEnumerator() => _keys.GetEnumerator();

        IEnumerator<string> IEnumerable<string>.GetEnumerator() => GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>A node waiting to run (or running) in a scope, with the data that arrived and its own state.</summary>
public sealed class Activation
{
    public long Id { get; set; }
    public string NodeId { get; set; } = "";
    public string ScopeId { get; set; } = RunState.RootScope;
    /// <summary>The data that arrived (<c>$json</c>). Checkpointed inline, or by reference once kept in <see cref="RunState.Values"/>.</summary>
    [JsonIgnore]
    public JsonNode? Input { get; set; }
    /// <summary>Whether this activation has values in <see cref="RunState.Values"/>, to be dropped when it completes.</summary>
    public bool KeepsValues { get; set; }
    /// <summary>Whether a record of this activation was committed with its input: later commits of the record leave it out.</summary>
    public bool InputRecorded { get; set; }
    /// <summary>Set when <see cref="Input"/> is kept in <see cref="RunState.Values"/> under this key.</summary>
    public string? InputKey { get; set; }
    [JsonInclude, JsonPropertyName("input")]
    internal JsonNode? InlineInput
    {
        get => InputKey is null ? Input : null;
        set => Input = value;
    }
    /// <summary>Node-private state from a previous activation (Delay's due time, For Each's cursor).</summary>
    public JsonNode? NodeState { get; set; }
    /// <summary>Stable across suspensions, so the node-execution record is updated rather than duplicated.</summary>
    public Guid RecordId { get; set; }
    public DateTimeOffset? FirstStartedAt { get; set; }
    /// <summary>Body iterations finished since this loop node last ran.</summary>
    public List<Nodes.BodyResult> FinishedBodies { get; set; } = [];
    /// <summary>Parked by <see cref="Nodes.NodeOutcome.Wait"/>: not launched until a signal arrives or <see cref="WakeAt"/> passes.</summary>
    public bool IsWaiting { get; set; }
    public DateTimeOffset? WakeAt { get; set; }
    /// <summary>A signal delivered while waiting, handed to the node on its next activation and then cleared.</summary>
    public JsonNode? Signal { get; set; }
    /// <summary>
    /// Signals queued for a node that takes them while its bodies run (items appended to a For Each), oldest first; handed
    /// to its next activation and removed once that activation's step applied them.
    /// </summary>
    [JsonIgnore]
    public List<JsonNode?> QueuedSignals { get; set; } = [];
    /// <summary>Written only when signals wait, so the agenda of every other checkpoint stays as it was.</summary>
    [JsonInclude, JsonPropertyName("queuedSignals")]
    internal List<JsonNode?>? QueuedSignalsJson
    {
        get => QueuedSignals.Count > 0 ? QueuedSignals : null;
        set => QueuedSignals = value ?? [];
    }
}

/// <summary>A child scope of a loop: one iteration with its $item/$index, returning to its owner when drained.</summary>
public sealed class ScopeState
{
    public string Id { get; set; } = "";
    public string ParentId { get; set; } = RunState.RootScope;
    public long OwnerActivationId { get; set; }
    public int Index { get; set; }
    /// <summary>Activations started in this iteration, checked against the run's MaxActivations.</summary>
    public int ActivationCount { get; set; }
    public JsonNode? Item { get; set; }
    public JsonNode? LastOutput { get; set; }
}

/// <summary>Which incoming links of a node have delivered, in one scope, since the node last settled.</summary>
public sealed class ArrivalState
{
    public HashSet<string> Arrived { get; set; } = [];
    /// <summary>Live arrivals for a join: source node name → output.</summary>
    public JsonObject LiveInputs { get; set; } = [];
    public bool Ran { get; set; }
}

public sealed class CheckpointInvalidException(Guid executionId, string reason)
    : Exception($"Execution {executionId} cannot continue: {reason}.");

/// <summary>Source-generated serializer: a checkpoint is written after every step, so reflection-free JSON matters.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(RunStateDelta.Document))]
[JsonSerializable(typeof(RunStateDelta.FixedParts), GenerationMode = JsonSourceGenerationMode.Serialization)]
internal sealed partial class RunStateJsonContext : JsonSerializerContext;
