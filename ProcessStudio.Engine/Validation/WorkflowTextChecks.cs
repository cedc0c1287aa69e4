using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Validation;

/// <summary>Required texts and <see cref="TextLimits"/> over a whole workflow: names, descriptions, variables, ports and settings.</summary>
internal static class WorkflowTextChecks
{
    public static void Check(WorkflowDefinition workflow, List<ValidationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(workflow.Name))
            problems.Add(new("workflow.name-missing", "The workflow needs a name.", Setting: "name"));
        Limit(problems, workflow.Name, TextLimits.WorkflowName, "The workflow name", setting: "name");
        if (HasControlCharacter(workflow.Name))
            problems.Add(new("text.control-character", "The workflow name cannot contain control characters such as line breaks.", Setting: "name"));
        Limit(problems, workflow.Description, TextLimits.Description, "The description", setting: "description");
        Count(problems, workflow.Nodes.Count, TextLimits.Nodes, "nodes");
        Count(problems, workflow.Connections.Count, TextLimits.Connections, "connections");
        Count(problems, workflow.Variables.Count, TextLimits.Variables, "variables");
        CheckVariables(workflow.Variables, problems);
        StickyNoteChecks.Check(workflow, problems);
        foreach (var node in workflow.Nodes) CheckNode(node, problems);
        for (var i = 0; i < workflow.Connections.Count; i++)
        {
            var connection = workflow.Connections[i];
            foreach (var (port, name) in new[] { (connection.SourcePort, "sourcePort"), (connection.TargetPort, "targetPort") })
                Limit(problems, port, TextLimits.PortName, $"Connection {i + 1}'s {name}", setting: $"connections[{i}].{name}");
        }
    }

    private static void CheckVariables(List<VariableDefinition> variables, List<ValidationProblem> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Count; i++)
        {
            var variable = variables[i];
            var field = $"variables[{i}]";
            if (string.IsNullOrWhiteSpace(variable.Name) || variable.Name.Trim() != variable.Name)
                problems.Add(new("variable.name-invalid", $"Variable {i + 1} needs a name without leading or trailing spaces.", Setting: $"{field}.name"));
            else if (!names.Add(variable.Name))
                problems.Add(new("variable.duplicate-name", $"Variable name '{variable.Name}' is used more than once.", Setting: $"{field}.name"));
            Limit(problems, variable.Name, TextLimits.VariableName, $"Variable {i + 1}'s name", setting: $"{field}.name");
            Limit(problems, variable.Description, TextLimits.VariableDescription, $"Variable {i + 1}'s description", setting: $"{field}.description");
            LimitDeep(problems, variable.Default, null, $"{field}.default");
        }
    }

    private static void CheckNode(NodeDefinition node, List<ValidationProblem> problems)
    {
        // A node id that is too long is reported without it: the id is what the problem's field path is built from.
        if (node.Id.Length > TextLimits.NodeId)
        {
            problems.Add(new("text.too-long", $"Node '{Shorten(node.Name)}': the id has {node.Id.Length} characters; at most {TextLimits.NodeId} are allowed.", Setting: "nodes.id"));
            return;
        }
        Limit(problems, node.Name, TextLimits.NodeName, $"Node '{node.Id}': the name", node.Id, "name");
        if (HasControlCharacter(node.Name))
            problems.Add(new("text.control-character", $"Node '{node.Id}': the name cannot contain control characters such as line breaks.", node.Id, "name"));
        Limit(problems, node.Type, TextLimits.NodeType, $"Node '{node.Id}': the type", node.Id, "type");
        Limit(problems, node.Notes, TextLimits.Notes, $"Node '{node.Id}': the notes", node.Id, "notes");
        foreach (var (name, value) in node.Settings)
        {
            if (name.Length > TextLimits.SettingName)
                problems.Add(new("text.too-long", $"Node '{node.Id}': a setting name has {name.Length} characters; at most {TextLimits.SettingName} are allowed.", node.Id));
            else
                LimitDeep(problems, value, node.Id, name);
        }
        LimitDeep(problems, node.PinnedInput, node.Id, "pinnedInput");
        LimitDeep(problems, node.PinnedOutput, node.Id, "pinnedOutput");
    }

    /// <summary>Every string (and object key) anywhere inside a JSON value; reports the first one too long.</summary>
    private static void LimitDeep(List<ValidationProblem> problems, JsonNode? value, string? nodeId, string path)
    {
        var stack = new Stack<(JsonNode? Node, string Path)>([(value, path)]);
        while (stack.TryPop(out var item))
        {
            switch (item.Node)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj)
                    {
                        if (key.Length > TextLimits.SettingText) { TooLong(problems, "A property name", key.Length, TextLimits.SettingText, nodeId, item.Path); return; }
                        stack.Push((child, $"{item.Path}.{key}"));
                    }
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++) stack.Push((array[i], $"{item.Path}[{i}]"));
                    break;
                case JsonValue text when text.TryGetValue(out string? s) && s.Length > TextLimits.SettingText:
                    TooLong(problems, nodeId is null ? "A value" : $"Node '{nodeId}': a value", s.Length, TextLimits.SettingText, nodeId, item.Path);
                    return;
            }
        }
    }

    internal static void Limit(List<ValidationProblem> problems, string? text, int limit, string what, string? nodeId = null, string? setting = null)
    {
        if (text is not null && text.Length > limit) TooLong(problems, what, text.Length, limit, nodeId, setting);
    }

    private static void TooLong(List<ValidationProblem> problems, string what, int length, int limit, string? nodeId, string? setting) =>
        problems.Add(new("text.too-long", $"{what} has {length} characters; at most {limit} are allowed.", nodeId, setting));

    internal static void Count(List<ValidationProblem> problems, int count, int limit, string what)
    {
        if (count > limit) problems.Add(new("workflow.too-large", $"The workflow has {count} {what}; at most {limit} are allowed.", Setting: what));
    }

    private static bool HasControlCharacter(string? text) => text is not null && text.Any(char.IsControl);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
