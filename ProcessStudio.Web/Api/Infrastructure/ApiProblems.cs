using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>RFC 7807 problem details (application/problem+json). Each carries <c>success: false</c> like the envelope.</summary>
public static class ApiProblems
{
    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string detail) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid request", detail, new() { ["errors"] = errors });

    /// <summary>An invalid workflow graph: every problem with the node, setting and connection it belongs to.</summary>
    public static IResult InvalidWorkflow(IReadOnlyList<ValidationProblem> problems)
    {
        var errors = problems
            .Where(p => p.Severity == ProblemSeverity.Error)
            .GroupBy(ProblemField)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return Problem(StatusCodes.Status400BadRequest, "Invalid workflow",
            $"The workflow has {errors.Values.Sum(e => e.Length)} validation error(s).",
            new() { ["errors"] = errors, ["problems"] = problems.Select(ValidationProblemDto.From).ToList() });
    }

    public static IResult Unprocessable(string field, string detail) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", detail,
            new() { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail, Dictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail, extensions);

    public static IResult PayloadTooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"The request body exceeds the limit of {limit} bytes (ProcessStudio:MaxRequestBodyBytes).",
            new() { ["errors"] = new Dictionary<string, string[]> { ["body"] = [$"At most {limit} bytes are accepted."] } });

    public static IResult UnsupportedMediaType(string? sent, string accepted) =>
        Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
            $"The request body must be sent as {accepted}; it was sent as '{sent ?? "(none)"}'.",
            new() { ["errors"] = new Dictionary<string, string[]> { ["Content-Type"] = [$"Must be {accepted}."] } });

    public static IResult Forbidden(string field, string detail) =>
        Problem(StatusCodes.Status403Forbidden, "Forbidden", detail, new() { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    /// <summary>503: the instance driving a run did not answer a command sent to it in time.</summary>
    public static IResult Unanswered(string detail, Dictionary<string, object?> extensions) =>
        Problem(StatusCodes.Status503ServiceUnavailable, "Not answered in time", detail, extensions);

    public static IResult Unexpected() =>
        Problem(StatusCodes.Status500InternalServerError, "Unexpected error", "The server failed to process the request; see the server log.");

    /// <summary>Node properties that validation problems name directly; any other name is one of the node's settings.</summary>
    private static readonly string[] NodeProperties = ["id", "type", "name", "position", "policy", "disabled", "notes", "pinnedInput"];

    /// <summary>The field a validation problem belongs to, as a path into the workflow JSON (node ids in brackets).</summary>
    public static string ProblemField(ValidationProblem problem) => problem switch
    {
        { NodeId: { } node, Setting: { } setting } when NodeProperties.Contains(setting.Split('.', '[')[0]) => $"nodes[{node}].{setting}",
        { NodeId: { } node, Setting: { } setting } => $"nodes[{node}].settings.{setting}",
        { NodeId: { } node } => $"nodes[{node}]",
        { ConnectionId: { } connection } => $"connections[{connection}]",
        { Setting: { } setting } => setting,
        _ => "workflow",
    };

    private static IResult Problem(int status, string title, string detail, Dictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?> { ["success"] = false };
        foreach (var (key, value) in extensions ?? [])
            all[key] = value;
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: all);
    }
}

public sealed record ValidationProblemDto(string Code, string Message, string Field, string? NodeId, string? Setting, string? ConnectionId, ProblemSeverity Severity)
{
    public static ValidationProblemDto From(ValidationProblem p) =>
        new(p.Code, p.Message, ApiProblems.ProblemField(p), p.NodeId, p.Setting, p.ConnectionId, p.Severity);
}
