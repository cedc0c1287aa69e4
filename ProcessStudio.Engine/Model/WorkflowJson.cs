using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
        // null for a non-nullable member (a node's type, a connection's ends) is malformed input, not a later crash.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyStickyNotes } },
    };

    /// <summary>A workflow without sticky notes keeps the exact JSON it had before notes existed (stored versions, fixtures, diffs).</summary>
    private static void OmitEmptyStickyNotes(JsonTypeInfo type)
    {
        if (type.Type != typeof(WorkflowDefinition)) return;
        foreach (var property in type.Properties)
            if (property.Name == "stickyNotes") property.ShouldSerialize = (_, value) => value is List<StickyNote> { Count: > 0 };
    }

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
            RequireListElements(workflow);
            return workflow;
        }
        catch (JsonException ex)
        {
            throw new WorkflowFormatException($"Malformed workflow JSON: {ex.Message}", ex.Path ?? "$", ex);
        }
    }

    /// <summary>Nullable annotations do not reach list elements, so a null node, connection or variable is caught here.</summary>
    private static void RequireListElements(WorkflowDefinition workflow)
    {
        RequireElements(workflow.Nodes, "$.nodes");
        RequireElements(workflow.Connections, "$.connections");
        RequireElements(workflow.Variables, "$.variables");
        if (workflow.Groups is not null) RequireElements(workflow.Groups, "$.groups");
        RequireElements(workflow.StickyNotes, "$.stickyNotes");
        for (var i = 0; i < workflow.Nodes.Count; i++)
            if (workflow.Nodes[i].Policy.Custom is { } custom)
                RequireElements(custom.RetryOn, $"$.nodes[{i}].policy.custom.retryOn");
    }

    private static void RequireElements<T>(List<T> items, string path)
    {
        var index = items.FindIndex(item => item is null);
        if (index >= 0)
            throw new WorkflowFormatException($"{path}[{index}] is null; each entry must be an object.", $"{path}[{index}]");
    }
}

public sealed class WorkflowFormatException(string message, string path, Exception? inner = null) : Exception(message, inner)
{
    public string Path { get; } = path;
}
