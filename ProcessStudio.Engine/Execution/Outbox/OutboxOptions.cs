namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>How the outbox is delivered ("ProcessStudio:Engine:Outbox" in configuration).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Off only in crash tests: rows are written but nothing delivers them, as if the process died right after each
    /// commit. Never turn it off in production: finished runs would not wake parents or start error workflows.
    /// </summary>
    public bool DispatchEnabled { get; set; } = true;

    /// <summary>How often the store is asked for due rows when no run event nudged the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a claimed row belongs to one dispatcher; a dispatcher that dies frees its rows after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public int BatchSize { get; set; } = 32;

    /// <summary>The first retry's delay; each further one doubles it, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts of an engine reaction (wake parent, cancel children, error workflow) before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a subscription delivery is retried (from the event's time) before it is marked failed.</summary>
    public TimeSpan SubscriptionRetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Delivered rows are deleted after this; failed rows stay until deleted by hand.</summary>
    public TimeSpan KeepDone { get; set; } = TimeSpan.FromDays(7);
}
