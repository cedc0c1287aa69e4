using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Api.Workflows;

public sealed record WorkflowSummaryDto(
    Guid Id,
    string Name,
    string? Description,
    int LatestVersion,
    int NodeCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ExecutionStatus? LastRunStatus,
    DateTimeOffset? LastRunAt)
{
    public static WorkflowSummaryDto From(WorkflowSummary s) =>
        new(s.Id, s.Name, s.Description, s.LatestVersion, s.NodeCount, s.CreatedAt, s.UpdatedAt, s.LastRunStatus, s.LastRunAt);
}

/// <summary>One saved version. <c>definition</c> is the workflow in the documented workflow format (docs/workflow-format.md).</summary>
public sealed record WorkflowDetailDto(
    Guid Id,
    string Name,
    string? Description,
    int Version,
    DateTimeOffset CreatedAt,
    string? Comment,
    JsonNode Definition,
    IReadOnlyList<ValidationProblemDto> Warnings)
{
    public static WorkflowDetailDto From(WorkflowVersion v, IReadOnlyList<ValidationProblem>? problems = null) => new(
        v.WorkflowId,
        v.Definition.Name,
        v.Definition.Description,
        v.Version,
        v.CreatedAt,
        v.Comment,
        JsonSerializer.SerializeToNode(v.Definition, WorkflowJson.Options)!,
        (problems ?? []).Where(p => p.Severity == ProblemSeverity.Warning).Select(ValidationProblemDto.From).ToList());
}

public sealed record WorkflowVersionDto(Guid WorkflowId, int Version, DateTimeOffset CreatedAt, string? Comment, int NodeCount)
{
    public static WorkflowVersionDto From(WorkflowVersionInfo v) => new(v.WorkflowId, v.Version, v.CreatedAt, v.Comment, v.NodeCount);
}

public sealed record ValidationResultDto(bool Valid, int ErrorCount, int WarningCount, IReadOnlyList<ValidationProblemDto> Problems)
{
    public static ValidationResultDto From(IReadOnlyList<ValidationProblem> problems)
    {
        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        return new(errors == 0, errors, problems.Count - errors, problems.Select(ValidationProblemDto.From).ToList());
    }
}


public sealed record WorkflowImportResultDto(WorkflowDetailDto Workflow, bool IdChanged, Guid? OriginalId, bool Overwritten);

/// <summary>Body of "test a node": the input it receives and, optionally, an unsaved workflow to take the node from.</summary>
public sealed record NodeTestRequest(JsonNode? Input, JsonElement? Workflow);

public sealed record NodeTestResultDto(
    bool Succeeded,
    string? OutputPort,
    JsonNode? Output,
    string? Error,
    long DurationMs,
    IReadOnlyList<Executions.ExecutionLogDto> Logs)
{
    public static NodeTestResultDto From(NodeTestResult r) =>
        new(r.Succeeded, r.OutputPort, r.Output, r.Error, r.DurationMs, r.Logs.Select(Executions.ExecutionLogDto.From).ToList());
}
