using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Access;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Workflows;

/// <summary>POST /api/v1/workflows/{id}/nodes/{nodeId}/test: runs one node alone with a given input, without creating a run.</summary>
public static class NodeTestEndpoints
{
    public static void MapNodeTestEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/workflows/{id:guid}/nodes/{nodeId}/test", TestNodeAsync).WithTags("Workflows").RequireAuthorization(AccessPolicies.Edit);

    /// <summary>The body may carry an unsaved <c>workflow</c> (the designer's current draft); otherwise the latest saved version is used.</summary>
    private static async Task<IResult> TestNodeAsync(Guid id, string nodeId, HttpRequest request, IWorkflowStore store, IWorkflowEngine engine, CancellationToken ct)
    {
        var body = await request.ReadOptionalJsonAsync<NodeTestRequest>(ct) ?? new NodeTestRequest(null, null);
        var workflow = body.Workflow is { } draft
            ? RequestBody.ParseWorkflow(draft.GetRawText())
            : (await store.GetLatestOrThrowAsync(id, ct)).Definition;
        if (workflow.FindNode(nodeId) is null)
            throw new NotFoundException($"Node in workflow {id}", nodeId);

        try
        {
            var result = await engine.TestNodeAsync(workflow, nodeId, body.Input, ct);
            return ApiResults.Ok(NodeTestResultDto.From(result));
        }
        catch (ArgumentException ex) when (ex.ParamName == "nodeId")
        {
            // The node's type is not registered, so there is nothing to run.
            throw new ApiValidationException($"nodes[{nodeId}].type", ex.Message);
        }
    }
}
