using System.Globalization;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>
/// Parks the run until a point in time, or for a duration, then passes its input on. Unlike Delay it holds no worker:
/// the due time is committed with the wait, so the run sleeps in the store, survives restarts and resumes on time.
/// </summary>
public sealed class WaitUntilNode : NodeType
{
    public const string TypeName = "wait-until";
    public const string ForDuration = "duration";
    public const string UntilTime = "until";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Wait until",
        Category = NodeCategory.Action,
        Description = "Parks the run until a date and time, or for a duration, without holding a worker. Survives restarts.",
        Icon = "calendar-clock",
        Settings =
        [
            new("mode", "Wait", SettingKind.Select) { Options = [ForDuration, UntilTime], Default = ForDuration, AllowsTemplates = false },
            new("duration", "Duration", SettingKind.Duration)
            {
                Required = true, Placeholder = "1h30m", Description = "How long to wait, e.g. 90s, 15m, 2h or 1d.",
                VisibleWhen = new("mode", [ForDuration]),
            },
            new("until", "Until", SettingKind.Text)
            {
                Required = true, Placeholder = "2026-12-01T09:00:00Z or {{ $json.dueAt }}",
                Description = "A date and time (ISO 8601; UTC unless it names an offset). A time already past continues at once.",
                VisibleWhen = new("mode", [UntilTime]),
            },
        ],
    };

    public override bool HonoursNodeTimeout => false;

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var now = context.Clock.GetUtcNow();
        var wakeAt = context.State?["wakeAt"]?.GetValue<DateTimeOffset>() ?? WakeTime(context, now, cancellationToken);
        if (now >= wakeAt)
        {
            context.ReportProgress(new NodeProgress(Fraction: 1, Message: "done"));
            return Task.FromResult(NodeOutcome.Next(context.Input?.DeepClone()));
        }

        // A signal or an early wake-up is only a nudge: the node waits again until its own time has come.
        var since = context.State?["since"]?.GetValue<DateTimeOffset>() ?? now;
        var total = (wakeAt - since).TotalMilliseconds;
        context.ReportProgress(new NodeProgress(
            Fraction: total > 0 ? Math.Clamp((now - since).TotalMilliseconds / total, 0, 1) : null,
            Message: $"Waiting until {wakeAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
        return Task.FromResult(NodeOutcome.Wait(new JsonObject { ["wakeAt"] = wakeAt, ["since"] = since }, wakeAt));
    }

    private static DateTimeOffset WakeTime(NodeContext context, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (NodeJson.String(context.Setting("mode")) == UntilTime)
        {
            var text = context.EvaluatedText("until", cancellationToken);
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until)
                ? until
                : throw new NodeFailedException($"Until '{text}' is not a date and time such as 2026-12-01T09:00:00Z.", "InvalidSettings");
        }
        var duration = context.EvaluatedText("duration", cancellationToken);
        return DurationParser.TryParse(duration, out var wait)
            ? now + wait
            : throw new NodeFailedException($"Duration '{duration}' is not a duration such as 90s, 15m or 2h.", "InvalidSettings");
    }
}
