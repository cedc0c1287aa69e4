using System.Text.Json;
using System.Text.Json.Serialization;

namespace ProcessStudio.Engine.Model;

/// <summary>The one JSON shape of workflows, used by the store, the API, import and export.</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static string Serialize(WorkflowDefinition workflow) => JsonSerializer.Serialize(workflow, Options);

    /// <summary>Parses workflow JSON; throws <see cref="WorkflowFormatException"/> with the JSON path on malformed input.</summary>
    public static WorkflowDefinition Deserialize(string json)
    {
        try
        {
            var workflow = JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
                ?? throw new WorkflowFormatException("The workflow JSON is empty.", "$");
            if (workflow.SchemaVersion > WorkflowDefinition.CurrentSchemaVersion)
                throw new WorkflowFormatException(
                    $"schemaVersion {workflow.SchemaVersion} is newer than this ProcessStudio supports ({WorkflowDefinition.CurrentSchemaVersion}).",
                    "$.schemaVersion");
            return workflow;
        }
        catch (JsonException ex)
        {
            throw new WorkflowFormatException($"Malformed workflow JSON: {ex.Message}", ex.Path ?? "$", ex);
        }
    }
}

public sealed class WorkflowFormatException(string message, string path, Exception? inner = null) : Exception(message, inner)
{
    public string Path { get; } = path;
}
