namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>Exponential backoff for outbox deliveries: when to try again, or null when the message has had its chances.</summary>
public static class OutboxRetryPolicy
{
    public static DateTimeOffset? NextAttempt(OutboxMessage message, int attempts, DateTimeOffset now, OutboxOptions options)
    {
        var exponent = Math.Min(attempts - 1, 30);
        var delay = TimeSpan.FromTicks(Math.Min(options.MaxRetryDelay.Ticks, (long)(options.FirstRetryDelay.Ticks * Math.Pow(2, exponent))));
        var next = now + delay;
        if (message.SubscriptionId is not null)
            return next <= message.CreatedAt + options.SubscriptionRetryFor ? next : null;   // subscribers get a time span, not a count
        return attempts < options.MaxAttempts ? next : null;
    }
}
