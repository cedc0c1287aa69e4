using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Body of POST /api/v1/executions/{id}/nodes/{nodeId}/items: items to append, and whether no more will come.</summary>
public sealed record AppendItemsBody(JsonNode? Items, bool? Close);

/// <summary>
/// Appends items to a running For Each whose <c>appends</c> setting takes them (and closes it), as a signal through the
/// run's coordinator. 409 when the node does not take appends (setting <c>none</c>, not running, already done or closed
/// and finished); 404 for an unknown run.
/// </summary>
public static class ForEachItemsEndpoints
{
    public static void MapForEachItemsEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/executions/{id:guid}/nodes/{nodeId}/items", AppendAsync).WithTags("Executions").RequireAuthorization(AccessPolicies.Operate);

    private static async Task<IResult> AppendAsync(Guid id, string nodeId, HttpRequest request, IWorkflowEngine engine, CancellationToken ct)
    {
        var body = await request.ReadJsonAsync<AppendItemsBody>(ct);
        if (body.Items is not (null or JsonArray))
            throw new ApiValidationException("items", "items must be an array of the values to append.");
        if (body.Items is null && body.Close != true)
            throw new ApiValidationException("items", "Send items to append, or close: true to say no more will come.");
        var payload = new JsonObject { ["items"] = body.Items?.DeepClone(), ["close"] = body.Close == true };
        return ApiResults.Ok(ExecutionDto.From(await engine.SignalAsync(id, nodeId, payload, ct)));
    }
}
