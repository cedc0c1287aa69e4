using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Scripting;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>
/// Runs JavaScript over the same values expressions see ($json, $input, $vars, $node, $execution, and $item/$index
/// in loops); what the script returns is the node's output. Sandboxed and limited by <see cref="CodeNodeOptions"/>.
/// </summary>
public sealed class CodeNode(ScriptRunner runner) : NodeType
{
    public const string TypeName = "code";
    public const string CodeSetting = "code";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Code",
        Category = NodeCategory.Action,
        Description = "Runs JavaScript. $json is this node's input; $input, $vars, $node and $execution are as in expressions. " +
                      "The value the script returns is the output; console.log writes to the run log. No files, network or environment.",
        Icon = "code",
        Settings =
        [
            new(CodeSetting, "JavaScript", SettingKind.Code)
            {
                Required = true,
                AllowsTemplates = false,
                Placeholder = "const items = $json.items ?? [];\nreturn { count: items.length, total: items.reduce((s, i) => s + i.price, 0) };",
                Description = "The body of a function: return the output. Limits on time, memory and statements apply.",
            },
        ],
    };

    public override bool ReadsWholeScope => true;

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        if (NodeJson.String(node.Settings[CodeSetting]) is { Length: > 0 } code && ScriptSyntax.Check(code) is { } error)
            yield return new("setting.invalid", $"Node '{node.Name}': 'JavaScript' has a syntax error at {error}", node.Id, CodeSetting);
    }

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var code = NodeJson.String(context.Setting(CodeSetting)) ?? "";
        // Jint runs synchronously; off the caller's thread, so a designer's "test node" never blocks its circuit.
        var output = await Task.Run(() => runner.Run(code, context.Scope.Roots, (level, line) => context.Log(level, line), cancellationToken),
            cancellationToken);
        return NodeOutcome.Next(output);
    }
}
