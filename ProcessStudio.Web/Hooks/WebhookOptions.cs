namespace ProcessStudio.Web.Hooks;

/// <summary>The "ProcessStudio:Webhooks" configuration section: limits for anonymous callers of /hooks.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "ProcessStudio:Webhooks";

    /// <summary>Largest request body a hook accepts; larger bodies get 413 and start nothing.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    public WebhookRateLimit RateLimit { get; set; } = new();

    public WebhookTimestampOptions Timestamps { get; set; } = new();
}

/// <summary>"ProcessStudio:Webhooks:Timestamps": the signed time on HMAC hook requests that stops replays.</summary>
public sealed class WebhookTimestampOptions
{
    /// <summary>The header carrying the Unix time in seconds; the signature covers "seconds." + body.</summary>
    public string Header { get; set; } = "X-Webhook-Timestamp";

    /// <summary>How far the timestamp may be from the server's clock, either way; within it a signature is accepted once.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>False accepts the older body-only signature without a timestamp (and without replay protection).</summary>
    public bool Required { get; set; } = true;
}

/// <summary>A fixed window per hook path and client IP address.</summary>
public sealed class WebhookRateLimit
{
    /// <summary>Requests allowed per window; more get 429 with Retry-After.</summary>
    public int PermitLimit { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
