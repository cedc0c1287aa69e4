using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// A checkpoint that holds only what grew since the previous one. The parts of a run state that grow with the run (node
/// outputs, completed node ids and kept values) are written as the entries added, replaced or dropped since then; the
/// trigger input never changes and is not written at all; everything else (agenda, variables, scopes, arrivals) is small
/// and written whole. Applied to the previous step's state it gives this step's.
/// </summary>
internal static class RunStateDelta
{
    /// <summary>The delta JSON: <c>{"previous": step, "state": ..., "outputs": {...}, "completed": [...], "dropped": [...], "values": {...}}</c>.</summary>
    internal sealed class Document
    {
        /// <summary>
        /// The step of the row this delta builds on. In atBoundaries mode the steps between two commits have no row, so a
        /// delta may follow an earlier one than the step before it. Written only then: without it a delta follows the step before.
        /// </summary>
        public long? Previous { get; set; }
        public RunState State { get; set; } = new();
        public Dictionary<string, JsonNode?> Outputs { get; set; } = [];
        public List<string> Completed { get; set; } = [];
        /// <summary>Key prefixes of kept values dropped in this step, applied before <see cref="Values"/>.</summary>
        public List<string> Dropped { get; set; } = [];
        public Dictionary<string, JsonNode?> Values { get; set; } = [];
    }

    /// <summary>
    /// Null when an output changed that no longer exists: a removal is not something a delta can say. <paramref name="buffer"/>
    /// and its <paramref name="writer"/> (<see cref="CreateWriter"/>) are the caller's scratch space, reused from step to step
    /// so a delta allocates little more than its string.
    /// </summary>
    public static string? TrySerialize(RunState state, long previousStep, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer)
    {
        var options = RunStateJsonContext.Default.Options;
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        // Only after a gap (atBoundaries): an everyStep delta stays as small as before, its rows as many to a page.
        if (previousStep != state.Step - 1) writer.WriteNumber("previous", previousStep);
        writer.WritePropertyName("state");
        JsonSerializer.Serialize(writer, new FixedParts(state), RunStateJsonContext.Default.FixedParts);
        writer.WriteStartObject("outputs");
        foreach (var key in state.Changes.Outputs)
        {
            if (!state.NodeOutputs.TryGetPropertyValue(key, out var output)) return null;
            writer.WritePropertyName(key);
            if (output is null) writer.WriteNullValue();
            else output.WriteTo(writer, options);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("completed");
        foreach (var id in state.Changes.Completed) writer.WriteStringValue(id);
        writer.WriteEndArray();
        if (state.Changes.DroppedValues.Count > 0)
        {
            writer.WriteStartArray("dropped");
            foreach (var prefix in state.Changes.DroppedValues) writer.WriteStringValue(prefix);
            writer.WriteEndArray();
        }
        writer.WriteStartObject("values");
        foreach (var key in state.Changes.Values)
        {
            writer.WritePropertyName(key);
            if (state.Values.GetValueOrDefault(key) is { } value) value.WriteTo(writer, options);
            else writer.WriteNullValue();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A writer for <see cref="TrySerialize"/> with the checkpoint's encoder.</summary>
    public static Utf8JsonWriter CreateWriter(ArrayBufferWriter<byte> buffer) =>
        new(buffer, new JsonWriterOptions { Encoder = RunStateJsonContext.Default.Options.Encoder, SkipValidation = true });

    /// <summary>
    /// The state after <paramref name="deltaJson"/>, built on <paramref name="previous"/> (whose memory it takes over).
    /// <paramref name="builtOn"/> is the step of the row the delta was written on, when it says (see <see cref="Document.Previous"/>).
    /// </summary>
    public static RunState Apply(RunState previous, Guid executionId, string deltaJson, out long? builtOn)
    {
        Document? delta;
        try { delta = JsonSerializer.Deserialize(deltaJson, RunStateJsonContext.Default.Document); }
        catch (JsonException ex) { throw new CheckpointInvalidException(executionId, $"a delta of its checkpoint is not readable ({ex.Message})"); }
        if (delta is null) throw new CheckpointInvalidException(executionId, "a delta of its checkpoint is empty");
        builtOn = delta.Previous;
        var next = delta.State;
        if (next.Format > RunState.CurrentFormat) throw new CheckpointInvalidException(executionId, $"its checkpoint format {next.Format} is newer than this engine");

        next.NodeOutputs = previous.NodeOutputs;
        foreach (var (key, output) in delta.Outputs) next.NodeOutputs[key] = output;
        next.CompletedNodeIds = previous.CompletedNodeIds;
        next.CompletedNodeIds.UnionWith(delta.Completed);
        next.TriggerInput = previous.TriggerInput;
        var values = previous.Values;
        foreach (var prefix in delta.Dropped)
            values = values.RemoveRange(values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList());
        next.Values = values.SetItems(delta.Values);
        next.ResolveKeptInputs();
        return next;
    }

    /// <summary>The properties of <see cref="RunState"/> that <see cref="FixedParts"/> leaves out: a delta writes what changed in them.</summary>
    internal static readonly string[] GrowingParts =
        [Name(nameof(RunState.NodeOutputs)), Name(nameof(RunState.CompletedNodeIds)), Name(nameof(RunState.Values)), Name(nameof(RunState.TriggerInput))];

    private static string Name(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    /// <summary>
    /// A run state without its growing parts, read as <see cref="RunState"/>. Its own type so the source-generated
    /// serializer writes it directly; a property filter on <see cref="RunState"/> took the slower metadata path, a sixth
    /// of a step's CPU. A test checks that it names every other property of <see cref="RunState"/>.
    /// </summary>
    internal sealed class FixedParts(RunState state)
    {
        public int Format => state.Format;
        public Guid WorkflowId => state.WorkflowId;
        public int WorkflowVersion => state.WorkflowVersion;
        public long Step => state.Step;
        public long NextActivationId => state.NextActivationId;
        public int NextScopeId => state.NextScopeId;
        public int ActivationCount => state.ActivationCount;
        public int RootActivationCount => state.RootActivationCount;
        // An empty collection is left out (null is not written): read back, a missing one is the empty default.
        public JsonObject? Variables => state.Variables.Count == 0 ? null : state.Variables;
        public JsonNode? LastOutput => state.LastOutput;
        public HashSet<string>? FailedNodeIds => state.FailedNodeIds.Count == 0 ? null : state.FailedNodeIds;
        public List<Activation>? Agenda => state.Agenda.Count == 0 ? null : state.Agenda;
        public Dictionary<long, Activation>? Parked => state.Parked.Count == 0 ? null : state.Parked;
        public Dictionary<string, ScopeState>? Scopes => state.Scopes.Count == 0 ? null : state.Scopes;
        public Dictionary<string, ArrivalState>? Arrivals => state.Arrivals.Count == 0 ? null : state.Arrivals;
        public Dictionary<string, JoinState>? Joins => state.Joins.Count == 0 ? null : state.Joins;
        public List<Compensation.CompletedStep>? Completions => state.Completions.Count == 0 ? null : state.Completions;
        public Compensation.CompensationState? Compensation => state.Compensation;
        public long? ReleasedBreakpoint => state.ReleasedBreakpoint;
    }
}
