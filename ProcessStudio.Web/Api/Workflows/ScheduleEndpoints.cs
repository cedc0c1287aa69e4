using ProcessStudio.Engine.Scheduling;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Workflows;

/// <summary>
/// /api/v1/workflows/{id}/schedule, /activate, /deactivate. Activating is an Edit action, like publishing: it changes
/// what the workflow does unattended from now on, where Operate covers the runs someone starts by hand.
/// </summary>
public static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workflows/{id:guid}").WithTags("Schedules");
        group.MapGet("/schedule", GetAsync).RequireAuthorization(AccessPolicies.View);
        group.MapPost("/activate", ActivateAsync).RequireAuthorization(AccessPolicies.Edit);
        group.MapPost("/deactivate", DeactivateAsync).RequireAuthorization(AccessPolicies.Edit);
    }

    private static async Task<IResult> GetAsync(Guid id, ScheduleActivation schedules, CancellationToken ct) =>
        ApiResults.Ok(ScheduleDto.From(await schedules.DescribeAsync(id, ct)));

    private static async Task<IResult> ActivateAsync(Guid id, ScheduleActivation schedules, CancellationToken ct)
    {
        try
        {
            return ApiResults.Ok(ScheduleDto.From(await schedules.ActivateAsync(id, ct)));
        }
        catch (ScheduleNotActivatableException ex)
        {
            return ApiProblems.Conflict(ex.Message, new() { ["workflowId"] = id });
        }
    }

    private static async Task<IResult> DeactivateAsync(Guid id, ScheduleActivation schedules, CancellationToken ct) =>
        ApiResults.Ok(ScheduleDto.From(await schedules.DeactivateAsync(id, ct)));
}

public sealed record ScheduleDto(
    Guid WorkflowId,
    bool Active,
    bool HasScheduleTrigger,
    string? Cron,
    string? Timezone,
    string? MisfirePolicy,
    IReadOnlyList<DateTimeOffset> NextFireTimes,
    DateTimeOffset? LastFiredAt)
{
    public static ScheduleDto From(ScheduleStatus s) => new(s.WorkflowId, s.Active, s.HasScheduleTrigger, s.Cron, s.TimeZone,
        s.Misfire is { } misfire ? ScheduleSettings.MisfireName(misfire) : null, s.NextFireTimes, s.LastFiredAt);
}
