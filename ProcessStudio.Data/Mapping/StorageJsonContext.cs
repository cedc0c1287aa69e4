using System.Text.Json;
using System.Text.Json.Serialization;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Mapping;

/// <summary>
/// Generated serializers for the JSON columns every durable step writes (a record's attempt log, a run's breakpoints),
/// so a step does not pay the reflection-based serializer for them. Written through <see cref="Default"/> they leave
/// out null properties: an attempt that did not fail is ≈ 50 bytes shorter in every node record (readers fill in null).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<NodeAttempt>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(NodeProgress))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
