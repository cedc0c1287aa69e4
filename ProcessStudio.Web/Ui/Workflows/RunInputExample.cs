using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes.Triggers;
using ProcessStudio.Web.Ui.Kit;

namespace ProcessStudio.Web.Ui.Workflows;

/// <summary>
/// What the Run dialog suggests as input: the manual trigger's sample input, or else a value shaped by its input
/// schema (each property with an empty value of its type), or else nothing.
/// </summary>
public static class RunInputExample
{
    public static string? For(WorkflowDefinition workflow)
    {
        var trigger = workflow.Nodes.FirstOrDefault(n => n.Type == ManualTrigger.TypeName && !n.Disabled);
        if (trigger is null) return null;
        if (trigger.Settings["sampleInput"] is { } sample) return JsonText.Format(sample);
        return trigger.Settings["inputSchema"] is JsonObject schema ? JsonText.Format(FromSchema(schema, 0)) : null;
    }

    private static JsonNode? FromSchema(JsonObject schema, int depth)
    {
        var type = schema["type"] is JsonValue t && t.TryGetValue<string>(out var name) ? name : "object";
        return type switch
        {
            "object" when depth < 4 => Object(schema, depth),
            "object" => new JsonObject(),
            "array" => new JsonArray(),
            "string" => "",
            "number" or "integer" => 0,
            "boolean" => false,
            _ => null,
        };
    }

    private static JsonObject Object(JsonObject schema, int depth)
    {
        var result = new JsonObject();
        if (schema["properties"] is not JsonObject properties) return result;
        foreach (var (key, property) in properties)
            result[key] = property is JsonObject child ? FromSchema(child, depth + 1) : null;
        return result;
    }
}
