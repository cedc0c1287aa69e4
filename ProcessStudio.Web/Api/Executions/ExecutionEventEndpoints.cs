using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>
/// GET /api/v1/executions/{id}/events: follow one run live as server-sent events (text/event-stream). The first event is
/// the current status; the stream ends after the run finishes. Slow readers lose log lines, never the run's pace.
/// </summary>
public static class ExecutionEventEndpoints
{
    public static void MapExecutionEventEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/executions/{id:guid}/events", StreamAsync).WithTags("Executions").RequireAuthorization(AccessPolicies.View);

    private static async Task StreamAsync(Guid id, HttpResponse response, IExecutionStore store, ILiveEventStream events,
        IOptions<JsonOptions> json, TimeProvider clock, CancellationToken ct)
    {
        // Subscribe before reading the snapshot, so nothing between the two is missed.
        using var subscription = events.Subscribe(e => e.ExecutionId == id);
        var execution = await store.GetOrThrowAsync(id, ct);

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var options = json.Value.SerializerOptions;
        await WriteAsync(response, new ExecutionEventDto(ExecutionEventDto.StatusType, Snapshot(execution, clock.GetUtcNow())), options, ct);
        if (execution.Status.IsFinished())
            return;

        await foreach (var engineEvent in subscription.ReadAllAsync(ct))
        {
            if (ExecutionEventDto.From(engineEvent) is { } dto)
                await WriteAsync(response, dto, options, ct);
            if (engineEvent is ExecutionStatusChanged { Status: var status } && status.IsFinished())
                return;
        }
    }

    private static ExecutionStatusEventDto Snapshot(ExecutionRecord e, DateTimeOffset now) => new(e.Id, now, e.Status, e.IsActive,
        ExecutionProgressDto.From(e), e.ErrorMessage is null ? null : new ExecutionErrorDto(e.ErrorMessage, e.ErrorNodeId, e.StatusReason));

    private static async Task WriteAsync(HttpResponse response, ExecutionEventDto dto, JsonSerializerOptions options, CancellationToken ct)
    {
        await response.WriteAsync($"event: {dto.Type}\ndata: {JsonSerializer.Serialize(dto.Data, dto.Data.GetType(), options)}\n\n", ct);
        await response.Body.FlushAsync(ct);
    }
}
