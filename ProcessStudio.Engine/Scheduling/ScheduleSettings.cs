using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Nodes.Triggers;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>What to do with fire times that passed while the process was down.</summary>
public enum MisfirePolicy
{
    /// <summary>Run nothing for the missed times; continue with the next future one.</summary>
    Skip,
    /// <summary>Run once to catch up, however many times were missed; then continue with the next future one.</summary>
    RunOnce,
}

/// <summary>A Schedule trigger's settings as read from a node (the saved workflow or the designer's unsaved copy).</summary>
public sealed record ScheduleSettings(string Cron, string TimeZone, MisfirePolicy Misfire)
{
    public const string CronSetting = "cron";
    public const string TimeZoneSetting = "timezone";
    public const string MisfireSetting = "misfirePolicy";

    public static ScheduleSettings From(NodeDefinition node) => From(node.Settings);

    public static ScheduleSettings From(JsonObject settings) => new(
        NodeJson.String(settings[CronSetting])?.Trim() ?? "",
        NodeJson.String(settings[TimeZoneSetting]) is { } zone && !string.IsNullOrWhiteSpace(zone) ? zone.Trim() : ScheduleTimeZones.Default,
        ParseMisfire(NodeJson.String(settings[MisfireSetting])));

    /// <summary>The workflow's enabled Schedule trigger, if it has one (a workflow has exactly one trigger).</summary>
    public static NodeDefinition? FindTrigger(WorkflowDefinition workflow) =>
        workflow.Nodes.FirstOrDefault(n => !n.Disabled && n.Type == ScheduleTrigger.TypeName);

    public static MisfirePolicy ParseMisfire(string? value) =>
        string.Equals(value, "runOnce", StringComparison.OrdinalIgnoreCase) ? MisfirePolicy.RunOnce : MisfirePolicy.Skip;

    public static string MisfireName(MisfirePolicy policy) => policy == MisfirePolicy.RunOnce ? "runOnce" : "skip";

    public ScheduleParseResult Parse() => CronSchedule.Parse(Cron, TimeZone);
}
