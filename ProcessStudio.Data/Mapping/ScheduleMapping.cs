using ProcessStudio.Data.Entities;
using ProcessStudio.Engine.Scheduling;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Mapping;

internal static class ScheduleMapping
{
    public static WorkflowSchedule ToRecord(this WorkflowScheduleEntity e) => new(
        ToGuid(e.WorkflowId), e.Active, e.Cron, e.TimeZone, ScheduleSettings.ParseMisfire(e.MisfirePolicy), e.WorkflowVersion,
        ToTime(e.NextFireAt), ToTime(e.LastFiredAt), ToTime(e.UpdatedAt));

    public static void CopyTo(this WorkflowSchedule s, WorkflowScheduleEntity e)
    {
        e.WorkflowId = Id(s.WorkflowId);
        e.Active = s.Active;
        e.Cron = s.Cron;
        e.TimeZone = s.TimeZone;
        e.MisfirePolicy = ScheduleSettings.MisfireName(s.Misfire);
        e.WorkflowVersion = s.WorkflowVersion;
        e.NextFireAt = Time(s.NextFireAt);
        e.LastFiredAt = Time(s.LastFiredAt);
        e.UpdatedAt = Time(s.UpdatedAt);
    }

    public static ScheduleFire ToRecord(this ScheduleFireEntity e) => new(
        ToGuid(e.WorkflowId), ToTime(e.ScheduledFor), ToGuid(e.ExecutionId), ToTime(e.ClaimedAt), e.TimeZone, e.CatchUp, e.Started);

    public static ScheduleFireEntity ToEntity(this ScheduleFire f) => new()
    {
        WorkflowId = Id(f.WorkflowId),
        ScheduledFor = Time(f.ScheduledFor),
        ExecutionId = Id(f.ExecutionId),
        ClaimedAt = Time(f.ClaimedAt),
        TimeZone = f.TimeZone,
        CatchUp = f.CatchUp,
        Started = f.Started,
    };
}
