namespace ProcessStudio.Web.Hooks;

/// <summary>Problem details (application/problem+json) for hook callers. None of them echoes a secret or a header value.</summary>
internal static class HookProblems
{
    public static IResult NotFound(string path) =>
        Problem(StatusCodes.Status404NotFound, "Unknown hook", $"No workflow listens on /hooks/{path}.");

    public static IResult MethodNotAllowed(string method) =>
        Problem(StatusCodes.Status405MethodNotAllowed, "Method not allowed", $"This hook accepts {method} requests only.");

    public static IResult MissingCredential(string header) =>
        Problem(StatusCodes.Status401Unauthorized, "Credential missing", $"The request must carry the {header} header.");

    public static IResult BadCredential(string header) =>
        Problem(StatusCodes.Status403Forbidden, "Credential rejected", $"The {header} header does not match.");

    public static IResult MalformedTimestamp(string header) =>
        Problem(StatusCodes.Status400BadRequest, "Malformed timestamp", $"The {header} header must be the Unix time in whole seconds.",
            new() { ["errors"] = new Dictionary<string, string[]> { [header] = ["Must be the Unix time in whole seconds."] } });

    public static IResult StaleTimestamp(string header, TimeSpan tolerance) =>
        Problem(StatusCodes.Status403Forbidden, "Timestamp outside tolerance",
            $"The {header} header is more than {tolerance.TotalSeconds:0} s away from the server's time; sign the request again.");

    public static IResult Replayed() =>
        Problem(StatusCodes.Status409Conflict, "Request already received",
            "This signed request was already accepted; sign a new request with the current timestamp to send it again.");

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            $"The request body exceeds the limit of {limit} bytes (ProcessStudio:Webhooks:MaxBodyBytes).");

    public static IResult MalformedBody(string reason) =>
        Problem(StatusCodes.Status400BadRequest, "Malformed body", reason, new() { ["errors"] = new Dictionary<string, string[]> { ["body"] = [reason] } });

    /// <summary>A header the trigger reads (the correlation id) holds a value the run cannot take.</summary>
    public static IResult InvalidHeader(string header, string reason) =>
        Problem(StatusCodes.Status400BadRequest, "Invalid header", reason, new() { ["errors"] = new Dictionary<string, string[]> { [header] = [reason] } });

    public static IResult TooManyRequests(TimeSpan? retryAfter) =>
        Problem(StatusCodes.Status429TooManyRequests, "Too many requests",
            retryAfter is { } wait ? $"The rate limit is reached; retry after {Math.Ceiling(wait.TotalSeconds)} s." : "The rate limit is reached.");

    public static IResult WorkflowUnavailable() =>
        Problem(StatusCodes.Status409Conflict, "Workflow cannot run", "The workflow behind this hook is invalid and cannot run; its editors have to fix it.");

    public static IResult RunFailed(Guid executionId, string outcome) =>
        Problem(StatusCodes.Status500InternalServerError, "Run did not succeed", $"The run {outcome} without responding.", new() { ["executionId"] = executionId });

    public static IResult NoResponseInTime(Guid executionId, TimeSpan timeout) =>
        Problem(StatusCodes.Status504GatewayTimeout, "No response in time",
            $"The run did not respond within {timeout.TotalSeconds:0.###} s; it goes on in the background.", new() { ["executionId"] = executionId });

    private static IResult Problem(int status, string title, string detail, Dictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?> { ["success"] = false };
        foreach (var (key, value) in extensions ?? []) all[key] = value;
        return TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: all);
    }
}
