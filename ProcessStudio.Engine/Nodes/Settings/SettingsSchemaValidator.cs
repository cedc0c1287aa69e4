using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Settings;

/// <summary>Checks a node's settings against the schema its type declares: required, kinds, options, ranges and expressions.</summary>
public sealed class SettingsSchemaValidator(IExpressionEngine expressions)
{
    public IEnumerable<ValidationProblem> Validate(string nodeId, string nodeName, JsonObject settings, IReadOnlyList<SettingDescriptor> schema)
    {
        var problems = new List<ValidationProblem>();
        var known = schema.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, _) in settings)
            if (!known.Contains(name))
                problems.Add(new("setting.unknown", $"Node '{nodeName}': unknown setting '{name}'.", nodeId, name, Severity: ProblemSeverity.Warning));

        CheckFields(nodeId, nodeName, settings, schema, "", problems);
        return problems;
    }

    private void CheckFields(string nodeId, string nodeName, JsonObject values, IReadOnlyList<SettingDescriptor> schema, string prefix,
        List<ValidationProblem> problems)
    {
        foreach (var setting in schema)
        {
            if (!IsVisible(setting, values, schema)) continue;
            var path = prefix + setting.Name;
            values.TryGetPropertyValue(setting.Name, out var value);
            if (IsEmpty(value))
            {
                if (setting.Required && setting.Default is null)
                    problems.Add(new("setting.required", $"Node '{nodeName}': '{setting.Label}' is required.", nodeId, path));
                continue;
            }
            var error = CheckValue(setting, value!, nodeId, nodeName, path, problems);
            if (error is not null)
                problems.Add(new("setting.invalid", $"Node '{nodeName}': '{setting.Label}' {error}", nodeId, path));
        }
    }

    /// <summary>As the designer decides it: a controlling setting left empty counts with its default value.</summary>
    private static bool IsVisible(SettingDescriptor setting, JsonObject values, IReadOnlyList<SettingDescriptor> schema) =>
        setting.VisibleWhen is not { } when ||
        when.Values.Contains((values[when.Setting] ?? schema.FirstOrDefault(s => s.Name == when.Setting)?.Default) is JsonValue v && v.TryGetValue(out string? s) ? s : null);

    private static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue(out string? s) && s.Length == 0);

    /// <summary>Returns what is wrong with the value (completing "'Label' ..."), or null; template parse errors are added directly.</summary>
    private string? CheckValue(SettingDescriptor setting, JsonNode value, string nodeId, string nodeName, string path, List<ValidationProblem> problems)
    {
        var text = value is JsonValue jv && jv.TryGetValue(out string? s) ? s : null;
        var isTemplate = text is not null && setting.AllowsTemplates && expressions.IsTemplate(text);
        if (isTemplate)
        {
            AddExpressionErrors(expressions.CheckTemplate(text!), nodeId, nodeName, setting, path, problems);
            return null;   // the value's kind is only known when the template is rendered at run time
        }

        switch (setting.Kind)
        {
            case SettingKind.Text or SettingKind.MultilineText or SettingKind.Secret or SettingKind.Connection or SettingKind.Code:
                return text is null ? "must be text." : null;
            case SettingKind.Number or SettingKind.Integer:
                return CheckNumber(setting, value);
            case SettingKind.Boolean:
                return value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false.";
            case SettingKind.Select:
                return text is not null && setting.Options?.Contains(text) == true
                    ? null
                    : $"must be one of: {string.Join(", ", setting.Options ?? [])}.";
            case SettingKind.Expression:
                if (text is null) return "must be an expression.";
                AddExpressionErrors(expressions.Check(text), nodeId, nodeName, setting, path, problems);
                return null;
            case SettingKind.Duration:
                return DurationParser.TryRead(value, out _) ? null : $"must be {DurationParser.Hint}.";
            case SettingKind.KeyValue:
                if (value is not JsonObject pairs) return "must be an object of name/value pairs.";
                CheckTemplatesDeep(pairs, nodeId, nodeName, setting, path, problems);
                return null;
            case SettingKind.StringList:
                return value is JsonArray list && list.All(i => i is JsonValue v && v.TryGetValue(out string? _)) ? null : "must be a list of text values.";
            case SettingKind.ObjectList:
                if (value is not JsonArray items) return "must be a list.";
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonObject item) { problems.Add(new("setting.invalid", $"Node '{nodeName}': '{setting.Label}' item {i + 1} must be an object.", nodeId, $"{path}[{i}]")); continue; }
                    CheckFields(nodeId, nodeName, item, setting.ItemFields ?? [], $"{path}[{i}].", problems);
                }
                return null;
            case SettingKind.Json:
                CheckTemplatesDeep(value, nodeId, nodeName, setting, path, problems);
                return null;
            case SettingKind.Workflow:
                return Guid.TryParse(text, out _) ? null : "must be the id of a workflow.";
            default:
                return null;
        }
    }

    private static string? CheckNumber(SettingDescriptor setting, JsonNode value)
    {
        if (value.GetValueKind() != JsonValueKind.Number) return setting.Kind == SettingKind.Integer ? "must be a whole number." : "must be a number.";
        var number = NodeJson.Number(value)!.Value;
        if (setting.Kind == SettingKind.Integer && number != Math.Floor(number)) return "must be a whole number.";
        if (setting.Min is { } min && number < min) return $"must be at least {min}.";
        if (setting.Max is { } max && number > max) return $"must be at most {max}.";
        return null;
    }

    private void CheckTemplatesDeep(JsonNode? value, string nodeId, string nodeName, SettingDescriptor setting, string path, List<ValidationProblem> problems)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj) CheckTemplatesDeep(child, nodeId, nodeName, setting, $"{path}.{key}", problems);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) CheckTemplatesDeep(array[i], nodeId, nodeName, setting, $"{path}[{i}]", problems);
                break;
            case JsonValue v when v.TryGetValue(out string? text) && expressions.IsTemplate(text):
                AddExpressionErrors(expressions.CheckTemplate(text), nodeId, nodeName, setting, path, problems);
                break;
        }
    }

    private static void AddExpressionErrors(IReadOnlyList<ExpressionError> errors, string nodeId, string nodeName, SettingDescriptor setting,
        string path, List<ValidationProblem> problems)
    {
        foreach (var error in errors)
            problems.Add(new("setting.expression", $"Node '{nodeName}': '{setting.Label}' has an expression error: {error}", nodeId, path));
    }
}
