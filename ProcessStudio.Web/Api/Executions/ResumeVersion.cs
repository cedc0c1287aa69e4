using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>Body of POST /api/v1/executions/{id}/resume: <c>{"version": "original" | "latest" | 3}</c>, optional.</summary>
public sealed record ResumeExecutionBody(JsonNode? Version);

/// <summary>Which workflow version a resume continues on: null for the run's own (original) version.</summary>
public static class ResumeVersion
{
    public static async Task<int?> ResolveAsync(Guid executionId, ResumeExecutionBody? body, IExecutionStore executions, IWorkflowStore workflows,
        CancellationToken ct)
    {
        switch (body?.Version)
        {
            case null:
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == "original":
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == "latest":
                var run = await executions.GetAsync(executionId, ct) ?? throw new NotFoundException("Execution", executionId);
                return await workflows.GetLatestVersionNumberAsync(run.WorkflowId, ct) ?? throw new NotFoundException("Workflow", run.WorkflowId);
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) && number >= 1:
                return number;
            default:
                throw new ApiValidationException("version", "version must be \"original\", \"latest\" or a version number (1 or more).");
        }
    }
}
