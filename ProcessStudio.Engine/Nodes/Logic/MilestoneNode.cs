using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Lets its branch continue only once the run reaches a state (a milestone), e.g. another branch set
/// <c>$vars.order == "confirmed"</c>. While the condition is false the node waits without a worker and checks again;
/// past <c>timeout</c> it continues on <c>missed</c>.
/// </summary>
public sealed class MilestoneNode : NodeType
{
    public const string TypeName = "milestone";
    public const string MissedPort = "missed";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Milestone",
        Category = NodeCategory.Logic,
        Description = "Waits until a condition on the run's state holds (e.g. a variable another branch sets), then continues; missed after a timeout.",
        Icon = "hourglass",
        Outputs = [PortDescriptor.Out, new(MissedPort, "Missed")],
        Settings =
        [
            new("condition", "Continue when", SettingKind.Expression) { Required = true, Placeholder = "$vars.order == \"confirmed\"" },
            new("timeout", "Wait at most", SettingKind.Duration) { Placeholder = "1h (empty: no limit)" },
        ],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var condition = NodeJson.String(context.Setting("condition"))!;
        if (ExpressionValues.IsTruthy(context.Evaluate(condition, cancellationToken)))
            return Task.FromResult(NodeOutcome.Next(context.Input?.DeepClone()));

        var timeoutAt = context.State?["timeoutAt"]?.GetValue<DateTimeOffset>()
            ?? (DurationParser.TryParse(context.EvaluatedText("timeout", cancellationToken), out var limit) ? now + limit : null);
        if (timeoutAt is { } deadline && now >= deadline)
        {
            context.Log(LogLevel.Warning, $"Missed: '{condition}' did not hold in time.");
            return Task.FromResult(NodeOutcome.Next(context.Input?.DeepClone(), MissedPort));
        }
        var retryAt = now + LockNode.RetryInterval;
        var state = new JsonObject { ["timeoutAt"] = timeoutAt };
        return Task.FromResult(NodeOutcome.Wait(state, timeoutAt is { } t && t < retryAt ? t : retryAt));
    }
}
