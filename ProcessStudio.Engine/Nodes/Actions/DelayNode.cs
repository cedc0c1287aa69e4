using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>
/// Waits for a duration without losing time across pauses and restarts: the first activation commits its due time,
/// a pause suspends with the time left (paused time does not count), and a restart continues towards the committed due time.
/// </summary>
public sealed class DelayNode : NodeType
{
    public const string TypeName = "delay";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Delay",
        Category = NodeCategory.Action,
        Description = "Waits for a duration, then passes its input on. Pausing keeps the time left.",
        Icon = "clock",
        Settings = [new("duration", "Duration", SettingKind.Duration) { Required = true, Placeholder = "5s" }],
    };

    public override bool HonoursNodeTimeout => false;

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        if (context.State?["dueAt"] is not { } dueAtNode)
        {
            var remaining = context.State?["remainingMs"] is { } left ? TimeSpan.FromMilliseconds(NodeJson.Number(left) ?? 0) : ReadDuration(context, cancellationToken);
            var total = NodeJson.Number(context.State?["totalMs"]) ?? remaining.TotalMilliseconds;
            return NodeOutcome.Suspend(new JsonObject { ["dueAt"] = now + remaining, ["totalMs"] = total });
        }

        var dueAt = dueAtNode.GetValue<DateTimeOffset>();
        var totalMs = NodeJson.Number(context.State["totalMs"]) ?? 0;
        using var waitSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.PauseRequested);
        try
        {
            for (var left = dueAt - context.Clock.GetUtcNow(); left > TimeSpan.Zero; left = dueAt - context.Clock.GetUtcNow())
            {
                context.ReportProgress(new NodeProgress(
                    Fraction: totalMs > 0 ? Math.Clamp(1 - left.TotalMilliseconds / totalMs, 0, 1) : null,
                    Message: $"{Math.Ceiling(left.TotalSeconds):0}s left"));
                await Task.Delay(left < ProgressInterval ? left : ProgressInterval, context.Clock, waitSource.Token);
            }
        }
        catch (OperationCanceledException) when (context.PauseRequested.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var left = dueAt - context.Clock.GetUtcNow();
            return NodeOutcome.Suspend(new JsonObject { ["remainingMs"] = Math.Max(0, left.TotalMilliseconds), ["totalMs"] = totalMs });
        }
        context.ReportProgress(new NodeProgress(Fraction: 1, Message: "done"));
        return NodeOutcome.Next(context.Input?.DeepClone());
    }

    private static TimeSpan ReadDuration(NodeContext context, CancellationToken cancellationToken)
    {
        var text = context.EvaluatedText("duration", cancellationToken);
        return DurationParser.TryParse(text, out var duration)
            ? duration
            : throw new NodeFailedException($"Duration '{text}' is not a duration such as 500ms, 5s or 1m30s.", "InvalidSettings");
    }
}
