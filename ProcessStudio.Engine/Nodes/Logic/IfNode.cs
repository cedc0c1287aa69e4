using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>Routes its input to the <c>true</c> or <c>false</c> port by a condition; the other branch is skipped.</summary>
public sealed class IfNode : NodeType
{
    public const string TypeName = "if";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "If",
        Category = NodeCategory.Logic,
        Description = "Evaluates a condition and continues on the true or the false port with its input.",
        Icon = "git-branch",
        Outputs = [new("true", "True"), new("false", "False")],
        Settings = [new("condition", "Condition", SettingKind.Expression) { Required = true, Placeholder = "$json.amount > 100" }],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var condition = NodeJson.String(context.Setting("condition"))!;
        var result = ExpressionValues.IsTruthy(context.Evaluate(condition, cancellationToken));
        return Task.FromResult(NodeOutcome.Next(context.Input?.DeepClone(), result ? "true" : "false"));
    }
}
