using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Scheduling;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Nodes.Triggers;

/// <summary>
/// Starts the workflow on a cron schedule in a time zone, once the workflow is activated. The scheduler passes
/// {scheduledFor, firedAt, timezone, catchUp} as the run input; this node outputs it.
/// </summary>
public sealed class ScheduleTrigger : NodeType
{
    public const string TypeName = "schedule-trigger";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Schedule Trigger",
        Category = NodeCategory.Trigger,
        Description = "Starts the workflow on a cron schedule (optionally with seconds) in a time zone, while the workflow is active.",
        Icon = "calendar-clock",
        Inputs = [],
        Settings =
        [
            new(ScheduleSettings.CronSetting, "Cron expression", SettingKind.Text)
            {
                Required = true,
                AllowsTemplates = false,
                Placeholder = "0 9 * * 1-5",
                Description = "minute hour day month weekday, or six fields with a leading seconds field (e.g. '*/30 * * * * *').",
            },
            new(ScheduleSettings.TimeZoneSetting, "Time zone", SettingKind.Text)
            {
                AllowsTemplates = false,
                Default = ScheduleTimeZones.Default,
                Placeholder = "Europe/Berlin",
                Description = "IANA time zone the cron fields are read in. Wall times skipped by DST fire shifted by the gap; repeated ones fire once.",
            },
            new(ScheduleSettings.MisfireSetting, "Missed runs", SettingKind.Select)
            {
                Options = ["skip", "runOnce"],
                Default = "skip",
                AllowsTemplates = false,
                Description = "When fire times passed while the server was down: skip them, or run once to catch up.",
            },
        ],
    };

    public override IEnumerable<ValidationProblem> Validate(NodeDefinition node)
    {
        var settings = ScheduleSettings.From(node);
        var parsed = settings.Parse();
        if (parsed.CronError is { } cronError && settings.Cron.Length > 0)   // a missing cron is reported as a required setting
            yield return new("node.schedule-cron", $"Node '{node.Name}': setting 'cron': {cronError}", node.Id, ScheduleSettings.CronSetting);
        if (parsed.TimeZoneError is { } zoneError)
            yield return new("node.schedule-timezone", $"Node '{node.Name}': setting 'timezone': {zoneError}", node.Id, ScheduleSettings.TimeZoneSetting);
    }

    /// <summary>Outputs the scheduler's fire details; a run started by hand gets the same shape for "now".</summary>
    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        if (context.Input is JsonObject fired && fired.ContainsKey(ScheduledRunInput.ScheduledFor))
            return Task.FromResult(NodeOutcome.Next(fired.DeepClone()));
        var now = context.Clock.GetUtcNow();
        var zone = ScheduleSettings.From(context.Node).TimeZone;
        return Task.FromResult(NodeOutcome.Next(ScheduledRunInput.Create(now, now, zone, catchUp: false)));
    }
}
