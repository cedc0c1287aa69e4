using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Data;

/// <summary>Save-time checks that Data nodes share beyond the settings schema: field paths must have a usable shape.</summary>
public static class DataSettingChecks
{
    /// <summary>Problems for a text setting holding one field path (empty is left to the schema's Required).</summary>
    public static IEnumerable<ValidationProblem> Path(NodeDefinition node, string setting, string label) =>
        node.Settings[setting] is JsonValue value && NodeJson.String(value) is { Length: > 0 } path && !FieldPath.IsValid(path)
            ? [Invalid(node, setting, label, path)]
            : [];

    /// <summary>Problems for a string-list setting of field paths.</summary>
    public static IEnumerable<ValidationProblem> PathList(NodeDefinition node, string setting, string label) =>
        ItemKeys.Fields(node.Settings[setting]).Where(p => !FieldPath.IsValid(p)).Select(p => Invalid(node, setting, label, p));

    /// <summary>Problems for a path field of each object in an object-list setting, named setting[i].field.</summary>
    public static IEnumerable<ValidationProblem> PathsIn(NodeDefinition node, string setting, string field, string label)
    {
        var list = node.Settings[setting] as JsonArray ?? [];
        for (var i = 0; i < list.Count; i++)
            if (NodeJson.String(list[i]?[field]) is { Length: > 0 } path && !FieldPath.IsValid(path))
                yield return new("setting.invalid", $"Node '{node.Name}': '{label}' of row {i + 1} must be {FieldPath.Hint}, not '{path}'.",
                    node.Id, $"{setting}[{i}].{field}");
    }

    private static ValidationProblem Invalid(NodeDefinition node, string setting, string label, string path) =>
        new("setting.invalid", $"Node '{node.Name}': '{label}' must be {FieldPath.Hint}, not '{path}'.", node.Id, setting);
}
