using System.Text.Json;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Web.Hooks;

/// <summary>
/// <c>/hooks/{path}</c>: finds the workflow listening on the path and starts it with the request as input. Everything
/// that can refuse a request (unknown path, method, size, credential, malformed JSON) is checked before the run starts,
/// so a refused request never creates an execution.
/// </summary>
internal static class HookEndpoint
{
    public static async Task<IResult> HandleAsync(string? path, HttpContext http, WebhookRoutes routes, HookResponseWaiter waiter,
        IWorkflowEngine engine, IOptions<WebhookOptions> options, SignedHookCheck signed, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(HookEndpoint).FullName!);
        var request = http.Request;
        var requested = WebhookPath.Normalize(path ?? "");
        if (await routes.FindAsync(requested, cancellationToken) is not { } route)
            return HookProblems.NotFound(requested);

        var settings = route.Settings;
        if (!HttpMethods.Equals(request.Method, settings.Method))
        {
            http.Response.Headers.Allow = settings.Method;
            return HookProblems.MethodNotAllowed(settings.Method);
        }
        // A token needs no body: check it first, so an unauthenticated caller cannot make the server read one.
        if (settings.Authentication == WebhookAuthentication.HeaderToken && CheckToken(request, settings) is { } tokenRefusal)
            return Refused(tokenRefusal, route, logger, "token");

        var limit = options.Value.MaxBodyBytes;
        if (await HookRequestReader.ReadBodyAsync(request, limit, cancellationToken) is not { } body)
            return Refused(HookProblems.TooLarge(limit), route, logger, "body too large");
        if (settings.Authentication == WebhookAuthentication.HmacSha256 && signed.Check(request, settings, body) is { } signatureRefusal)
            return Refused(signatureRefusal, route, logger, "signature");

        StartExecutionRequest start;
        try
        {
            start = new StartExecutionRequest
            {
                WorkflowId = route.WorkflowId,
                Version = route.Version,
                Input = HookRequestReader.ToInput(request, body, settings),
                Mode = ExecutionMode.Webhook,
                CorrelationId = HookRequestReader.CorrelationId(request, settings),
            };
        }
        catch (JsonException ex)
        {
            return Refused(HookProblems.MalformedBody($"The body is declared JSON but is not: {ex.Message.Split(" Path:")[0]}"), route, logger, "malformed JSON");
        }

        try
        {
            if (settings.ResponseMode == WebhookResponseMode.Wait)
                return await waiter.StartAndWaitAsync(start, settings.ResponseTimeout, cancellationToken);
            var execution = await engine.StartAsync(start, cancellationToken);
            logger.LogInformation("Webhook {HookPath} started execution {ExecutionId} of workflow {WorkflowId}", settings.Path, execution.Id, route.WorkflowId);
            return TypedResults.Accepted($"/api/v1/executions/{execution.Id}", new HookAccepted(execution.Id, "pending"));
        }
        catch (WorkflowInvalidException ex)
        {
            logger.LogWarning("Webhook {HookPath} cannot start workflow {WorkflowId}: {Problems}", settings.Path, route.WorkflowId, ex.Message);
            return HookProblems.WorkflowUnavailable();
        }
        catch (NotFoundException)
        {
            return HookProblems.NotFound(requested);   // deleted between the lookup and the start
        }
        catch (Engine.Execution.RunOptions.RunOptionInvalidException ex)
        {
            return Refused(HookProblems.InvalidHeader(settings.CorrelationHeader, ex.Message), route, logger, ex.Field);
        }
    }

    /// <summary>Null when the request carries the right token; otherwise 401 (missing) or 403 (wrong).</summary>
    private static IResult? CheckToken(HttpRequest request, WebhookTriggerSettings settings)
    {
        var header = request.Headers[settings.HeaderName].ToString();
        if (string.IsNullOrWhiteSpace(header)) return HookProblems.MissingCredential(settings.HeaderName);
        var secret = settings.Secret ?? "";
        return secret.Length > 0 && WebhookSignature.IsValidToken(header, secret) ? null : HookProblems.BadCredential(settings.HeaderName);
    }

    private static IResult Refused(IResult problem, WebhookRoute route, ILogger logger, string reason)
    {
        logger.LogInformation("Webhook {HookPath} of workflow {WorkflowId} refused a request: {Reason}", route.Settings.Path, route.WorkflowId, reason);
        return problem;
    }
}

/// <summary>The 202 answer of an immediate-mode hook.</summary>
internal sealed record HookAccepted(Guid ExecutionId, string Status);
