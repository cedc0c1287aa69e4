namespace ProcessStudio.Web.Hooks;

/// <summary>The "ProcessStudio:Webhooks" configuration section: limits for anonymous callers of /hooks.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "ProcessStudio:Webhooks";

    /// <summary>Largest request body a hook accepts; larger bodies get 413 and start nothing.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    public WebhookRateLimit RateLimit { get; set; } = new();
}

/// <summary>A fixed window per hook path and client IP address.</summary>
public sealed class WebhookRateLimit
{
    /// <summary>Requests allowed per window; more get 429 with Retry-After.</summary>
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
