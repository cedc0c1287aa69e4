using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Web.Hooks;

public static class HookSetup
{
    public const string RateLimitPolicy = "webhooks";
    public const string Route = "/hooks/{**path}";

    private static readonly int[] RefusalStatuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound,
        StatusCodes.Status405MethodNotAllowed, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge,
        StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError, StatusCodes.Status504GatewayTimeout,
    ];

    /// <summary>Options, the webhook route index over the workflow store, and the per-path, per-client rate limit. Call after the store is registered.</summary>
    public static IServiceCollection AddProcessStudioHooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>()
            .BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => o.MaxBodyBytes > 0, "ProcessStudio:Webhooks:MaxBodyBytes must be positive.")
            .Validate(o => o.RateLimit.PermitLimit > 0, "ProcessStudio:Webhooks:RateLimit:PermitLimit must be positive.")
            .Validate(o => o.RateLimit.Window > TimeSpan.Zero, "ProcessStudio:Webhooks:RateLimit:Window must be positive.")
            .ValidateOnStart();
        services.AddWebhookRoutes();
        services.AddSingleton<HookResponseWaiter>();
        services.AddSingleton<StoredHookAnswer>();
        services.AddSingleton<SignedHookCheck>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RateLimitPolicy, PartitionByPathAndClient);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Anonymous by design: each hook checks its own token or signature.</summary>
    public static IEndpointRouteBuilder MapProcessStudioHooks(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapMethods(Route, [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Head, HttpMethods.Options],
                HookEndpoint.HandleAsync)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Webhooks")
            .WithSummary("Starts the workflow whose Webhook trigger listens on the path.")
            .WithDescription("Immediate hooks answer 202 with the execution id; waiting hooks answer with the run's Respond node, its output, 500 or 504.")
            .Produces<HookAccepted>(StatusCodes.Status202Accepted);
        foreach (var status in RefusalStatuses) hooks.ProducesProblem(status);
        return app;
    }

    private static RateLimitPartition<string> PartitionByPathAndClient(HttpContext http)
    {
        var limit = http.RequestServices.GetRequiredService<IOptions<WebhookOptions>>().Value.RateLimit;
        var path = WebhookPath.Normalize(http.Request.RouteValues["path"]?.ToString() ?? "").ToLowerInvariant();
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetFixedWindowLimiter($"{path}|{client}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        TimeSpan? retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
        if (retryAfter is { } after)
            context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString();
        await HookProblems.TooManyRequests(retryAfter).ExecuteAsync(context.HttpContext);
    }
}
