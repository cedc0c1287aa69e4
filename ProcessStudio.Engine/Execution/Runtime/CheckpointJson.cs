using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// The serializer of checkpoints. A checkpoint is the whole run state after every step, and its two parts that grow with
/// the run, <see cref="RunState.NodeOutputs"/> and <see cref="RunState.CompletedNodeIds"/>, mostly gain one entry per
/// step. Serializing them whole made a step's cost grow with the number of steps before it; here each keeps the JSON of
/// its entries from the previous checkpoint and writes only what was added or replaced. The text is exactly the plain
/// source-generated serializer's, which still reads every checkpoint.
/// </summary>
internal static class CheckpointJson
{
    /// <summary>
    /// Below this many entries the plain serializer is faster: its generated fast path is lost once a converter is added,
    /// which costs a few microseconds per checkpoint, and reusing a handful of small entries saves less than that.
    /// </summary>
    private const int IncrementalFromEntries = 48;

    private static readonly JsonTypeInfo<RunState> IncrementalRunStateInfo = CreateRunStateInfo();

    public static string Serialize(RunState state) =>
        state.NodeOutputs.Count + state.CompletedNodeIds.Count >= IncrementalFromEntries
            ? JsonSerializer.Serialize(state, IncrementalRunStateInfo)
            : JsonSerializer.Serialize(state, RunStateJsonContext.Default.RunState);

    private static JsonTypeInfo<RunState> CreateRunStateInfo()
    {
        var options = new JsonSerializerOptions(RunStateJsonContext.Default.Options)
        {
            TypeInfoResolver = RunStateJsonContext.Default.WithAddedModifier(info =>
            {
                if (info.Type != typeof(RunState)) return;
                foreach (var property in info.Properties)
                {
                    if (property.Name == Name(nameof(RunState.NodeOutputs))) property.CustomConverter = new NodeOutputsConverter();
                    if (property.Name == Name(nameof(RunState.CompletedNodeIds))) property.CustomConverter = new NodeIdsConverter();
                }
            }),
        };
        return (JsonTypeInfo<RunState>)options.GetTypeInfo(typeof(RunState));
    }

    private static string Name(string property) => JsonNamingPolicy.CamelCase.ConvertName(property);

    /// <summary>Reuses an output's JSON while the same object stays under the same name: memory is replaced, never changed in place.</summary>
    private sealed class NodeOutputsConverter : JsonConverter<JsonObject>
    {
        // Keyed by the outputs object itself: its JSON lives exactly as long as the memory it describes.
        private static readonly ConditionalWeakTable<JsonObject, IncrementalContainerJson> Written = [];

        public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, RunStateJsonContext.Default.JsonObject);

        public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options)
        {
            var json = Written.GetValue(value, _ => new IncrementalContainerJson((byte)'{', (byte)'}'));
            lock (json)   // a run's state is serialized by its own loop only; the lock guards anything else
            {
                json.Begin();
                foreach (var (name, output) in value)
                    if (!json.TryReuse(name, output))
                        json.Append(name, output, options, (name, output, options), static (w, entry) =>
                        {
                            w.WritePropertyName(entry.name);
                            if (entry.output is null) w.WriteNullValue();
                            else entry.output.WriteTo(w, entry.options);
                        });
                writer.WriteRawValue(json.Complete(), skipInputValidation: true);
            }
        }
    }

    /// <summary>Reuses the JSON of the ids already written; a set that only grows keeps its order.</summary>
    private sealed class NodeIdsConverter : JsonConverter<HashSet<string>>
    {
        private static readonly ConditionalWeakTable<HashSet<string>, IncrementalContainerJson> Written = [];

        public override HashSet<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            JsonSerializer.Deserialize(ref reader, RunStateJsonContext.Default.HashSetString);

        public override void Write(Utf8JsonWriter writer, HashSet<string> value, JsonSerializerOptions options)
        {
            var json = Written.GetValue(value, _ => new IncrementalContainerJson((byte)'[', (byte)']'));
            lock (json)
            {
                json.Begin();
                foreach (var id in value)
                    if (!json.TryReuse(null, id))
                        json.Append(null, id, options, id, static (w, id) => w.WriteStringValue(id));
                writer.WriteRawValue(json.Complete(), skipInputValidation: true);
            }
        }
    }
}
