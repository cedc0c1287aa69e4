namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>
/// Reacts to outbox messages. A message may be delivered more than once (a crash after the reaction, before it was
/// marked done), so a handler must be idempotent: a repeated delivery changes nothing. Throwing asks for a retry later.
/// </summary>
public interface IOutboxHandler
{
    bool Handles(OutboxMessage message);

    Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>A reaction that cannot happen yet (e.g. the parent has not parked); the dispatcher retries it after its backoff.</summary>
public sealed class RetryLaterException(string message) : Exception(message);
