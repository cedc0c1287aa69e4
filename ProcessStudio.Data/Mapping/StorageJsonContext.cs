using System.Text.Json;
using System.Text.Json.Serialization;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Mapping;

/// <summary>
/// Generated serializers for the JSON columns every durable step writes (a record's attempt log, a run's breakpoints),
/// so a step does not pay the reflection-based serializer for them.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<NodeAttempt>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(NodeProgress))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
