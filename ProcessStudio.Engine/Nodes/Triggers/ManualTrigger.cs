using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Nodes.Triggers;

/// <summary>Starts a run by hand or through the API. Its output is the run's input, checked against an optional schema.</summary>
public sealed class ManualTrigger : NodeType
{
    public const string TypeName = "manual-trigger";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Manual Trigger",
        Category = NodeCategory.Trigger,
        Description = "Starts the workflow by hand or from the API. Outputs the input the run was started with.",
        Icon = "player-play",
        Inputs = [],
        Settings =
        [
            new("inputSchema", "Input schema", SettingKind.Json)
            {
                Description = "Optional JSON schema (type, required, properties) the run input must match.",
                AllowsTemplates = false,
            },
            new("sampleInput", "Sample input", SettingKind.Json)
            {
                Description = "Used when the run is started without input (e.g. from the designer).",
                AllowsTemplates = false,
            },
        ],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var input = context.Input ?? context.Setting("sampleInput")?.DeepClone();
        if (context.Setting("inputSchema") is JsonObject schema)
        {
            var error = InputSchemaCheck.Find(schema, input, "$input");
            if (error is not null) throw new NodeFailedException($"The run input does not match the input schema: {error}", "InputInvalid");
        }
        return Task.FromResult(NodeOutcome.Next(input));
    }
}

/// <summary>The subset of JSON Schema a trigger input is checked with: type, required and properties, recursively.</summary>
internal static class InputSchemaCheck
{
    public static string? Find(JsonObject schema, JsonNode? value, string path)
    {
        if (schema["type"] is JsonValue t && t.TryGetValue(out string? type) && !HasType(value, type))
            return $"{path} must be of type {type}.";
        if (value is not JsonObject obj) return null;
        if (schema["required"] is JsonArray required)
            foreach (var name in required.Select(r => r?.GetValue<string>()))
                if (name is not null && !obj.ContainsKey(name)) return $"{path}.{name} is required.";
        if (schema["properties"] is JsonObject properties)
            foreach (var (name, propertySchema) in properties)
                if (propertySchema is JsonObject ps && obj.TryGetPropertyValue(name, out var child) && Find(ps, child, $"{path}.{name}") is { } error)
                    return error;
        return null;
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value?.GetValueKind() == JsonValueKind.String,
        "number" => value?.GetValueKind() == JsonValueKind.Number,
        "integer" => NodeJson.Number(value) is { } n && n % 1 == 0,
        "boolean" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "null" => value is null,
        _ => true,
    };
}
