using System.Text.Json;
using System.Text.Json.Serialization;
using ProcessStudio.Engine.Execution;

namespace ProcessStudio.Engine.Cluster;

/// <summary>
/// One engine event on the wire. <see cref="Sequence"/> numbers the sender's events; <see cref="Previous"/> is the
/// sequence number of the sender's previous event of the same run (0 for its first one), so a receiver that did not see
/// that one knows it missed something.
/// </summary>
public sealed record ClusterEventEnvelope(
    [property: JsonPropertyName("s")] long Sequence,
    [property: JsonPropertyName("p")] long Previous,
    [property: JsonPropertyName("t")] string Type,
    [property: JsonPropertyName("e")] JsonElement Event)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private static readonly Dictionary<Type, string> TypeNames = new()
    {
        [typeof(ExecutionStatusChanged)] = "status",
        [typeof(NodeStatusChanged)] = "node",
        [typeof(NodeRetryScheduled)] = "retry",
        [typeof(NodeProgressChanged)] = "progress",
        [typeof(LogWritten)] = "log",
    };

    private static readonly Dictionary<string, Type> TypesByName = TypeNames.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>Null for an event type that is not fanned out.</summary>
    public static ClusterEventEnvelope? Of(EngineEvent engineEvent, long sequence, long previous) =>
        TypeNames.TryGetValue(engineEvent.GetType(), out var type)
            ? new ClusterEventEnvelope(sequence, previous, type, JsonSerializer.SerializeToElement(engineEvent, engineEvent.GetType(), Json))
            : null;

    /// <summary>The event, or null when it has a type this version does not know (a newer instance sent it).</summary>
    public EngineEvent? ToEvent() =>
        TypesByName.TryGetValue(Type, out var type) ? (EngineEvent?)Event.Deserialize(type, Json) : null;

    public static string Serialize(IReadOnlyList<ClusterEventEnvelope> batch) => JsonSerializer.Serialize(batch, Json);

    public static IReadOnlyList<ClusterEventEnvelope> DeserializeBatch(string body) =>
        JsonSerializer.Deserialize<List<ClusterEventEnvelope>>(body, Json) ?? [];
}
