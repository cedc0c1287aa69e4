using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Expressions;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Runs the branch behind <c>loop</c> while a condition holds (checked before each iteration, with <c>$index</c>),
/// then continues on <c>done</c>. More than <c>maxIterations</c> iterations fail the node: a guard against endless loops.
/// </summary>
public sealed class LoopNode : NodeType
{
    public const string TypeName = "loop";
    public const string LoopPort = "loop";
    public const string DonePort = "done";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Loop",
        Category = NodeCategory.Logic,
        Description = "Repeats the loop branch while the condition is true, then continues on done. maxIterations guards against endless loops.",
        Icon = "rotate",
        Outputs = [new(LoopPort, "Loop"), new(DonePort, "Done")],
        Settings =
        [
            new("condition", "While", SettingKind.Expression) { Required = true, Placeholder = "$vars.page < $vars.pages" },
            new("maxIterations", "Max iterations", SettingKind.Integer) { Default = 100, Min = 1, Max = 1_000_000 },
        ],
    };

    public override string BodyPort => LoopPort;

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var iteration = NodeJson.Int(context.State?["iteration"]) ?? 0;
        var lastResult = context.FinishedBodies.Count > 0 ? context.FinishedBodies[^1].Result?.DeepClone() : context.State?["last"]?.DeepClone();
        iteration += context.FinishedBodies.Count;

        context.Scope.Set("$index", iteration);
        var condition = NodeJson.String(context.Setting("condition"))!;
        if (!ExpressionValues.IsTruthy(context.Evaluate(condition, cancellationToken)))
            return Task.FromResult(NodeOutcome.Next(new JsonObject { ["iterations"] = iteration, ["last"] = lastResult }, DonePort));

        var max = NodeJson.Int(context.Setting("maxIterations")) ?? 100;
        if (iteration >= max)
            throw new NodeFailedException($"Loop '{context.Node.Name}' reached its maximum of {max} iterations while '{condition}' was still true.",
                "MaxIterations");

        context.ReportProgress(new NodeProgress(Done: iteration, Total: max, Message: $"Iteration {iteration + 1}"));
        var state = new JsonObject { ["iteration"] = iteration, ["last"] = lastResult };
        var body = new BodyRun(iteration, null, new JsonObject { ["index"] = iteration });
        return Task.FromResult(NodeOutcome.RunBody(LoopPort, [body], state));
    }
}
