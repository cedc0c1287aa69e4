using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>The input of a run the scheduler starts, and so the Schedule trigger's output ($input downstream).</summary>
public static class ScheduledRunInput
{
    public const string ScheduledFor = "scheduledFor";

    public static JsonObject Create(DateTimeOffset scheduledFor, DateTimeOffset firedAt, string timeZone, bool catchUp) => new()
    {
        [ScheduledFor] = scheduledFor.ToUniversalTime(),
        ["firedAt"] = firedAt.ToUniversalTime(),
        ["timezone"] = timeZone,
        ["catchUp"] = catchUp,
    };
}
