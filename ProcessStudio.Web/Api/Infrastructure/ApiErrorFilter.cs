using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>
/// Applies the body size limit before a handler runs and maps what handlers throw to problem details:
/// bad input 400, unknown ids 404, illegal transitions and lost races 409, oversized bodies 413.
/// </summary>
public sealed class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        try
        {
            request.EnforceLimit();
            return await next(context);
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex)
        {
            return ToProblem(ex, request);
        }
    }

    private IResult ToProblem(Exception exception, HttpRequest request)
    {
        switch (exception)
        {
            case ApiValidationException ex:
                return ApiProblems.Validation(ex.Errors, ex.Message);
            case ApiUnprocessableException ex:
                return ApiProblems.Unprocessable(ex.Field, ex.Message);
            case WorkflowInvalidException ex:
                return ApiProblems.InvalidWorkflow(ex.Problems);
            case NotFoundException ex:
                return ApiProblems.NotFound(ex.Message);
            case InvalidTransitionException ex:
                return ApiProblems.Conflict(ex.Message, new()
                {
                    ["executionId"] = ex.ExecutionId,
                    ["currentStatus"] = ApiJson.EnumName(ex.Current),
                    ["command"] = ex.Command,
                });
            case Engine.Execution.Remote.RunCommandUnansweredException ex:
                return ApiProblems.Unanswered(ex.Message, new() { ["executionId"] = ex.ExecutionId, ["applied"] = ex.Withdrawn ? false : null });
            case ConcurrencyConflictException ex:
                return ApiProblems.Conflict(ex.Message + " Reload and try again.", new() { ["executionId"] = ex.ExecutionId });
            case WorkflowVersionConflictException ex:
                return ApiProblems.Conflict(ex.Message, new() { ["workflowId"] = ex.WorkflowId, ["currentVersion"] = ex.CurrentVersion });
            case RunLockHeldException ex:
                return ApiProblems.Conflict(ex.Message, new() { ["lockKey"] = ex.LockKey, ["holderExecutionId"] = ex.HolderId });
            case ProcessStudio.Engine.Execution.RunOptions.RunOptionInvalidException ex:
                return ApiProblems.Validation(new Dictionary<string, string[]> { [ex.Field] = [ex.Message] }, ex.Message);
            case ApiConflictException ex:
                return ApiProblems.Conflict(ex.Message);
            case WebhookPathConflictException ex:
                return ApiProblems.Conflict(ex.Message, new() { ["path"] = ex.Path, ["ownerWorkflowId"] = ex.OwnerWorkflowId });
            case CheckpointInvalidException ex:
                return ApiProblems.Conflict(ex.Message);
            case PayloadTooLargeException ex:
                return ApiProblems.PayloadTooLarge(ex.Limit);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return ApiProblems.PayloadTooLarge(request.Limit());
            case BadHttpRequestException ex:
                return ApiProblems.Validation(new Dictionary<string, string[]> { ["request"] = [ex.Message] }, ex.Message);
            default:
                logger.LogError(exception, "Unhandled error in {Method} {Path}", request.Method, request.Path);
                return ApiProblems.Unexpected();
        }
    }
}
