namespace ProcessStudio.Engine.Execution.Lifecycle;

/// <summary>
/// One mailbox per execution: pause, resume, step, cancel, signals, wake-ups and a worker bringing the run live are
/// messages handled one at a time, in arrival order, for that execution (other executions are not held up). A handler
/// thus sees the run as no other command can change it meanwhile, which replaces retrying after lost races. A running
/// run's own loop is the one other writer; handlers ask it to stop and await it outside the mailbox.
/// A handler must not send to its own execution's mailbox (it would wait for itself).
/// </summary>
public sealed class ExecutionCoordinator
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, Queue<Func<Task>>> _mailboxes = [];

    /// <summary>Queues <paramref name="handler"/> for the execution and completes with its result once it has run.</summary>
    public Task<T> SendAsync<T>(Guid executionId, Func<CancellationToken, Task<T>> handler, CancellationToken cancellationToken)
    {
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task Handle()
        {
            if (cancellationToken.IsCancellationRequested)
            {
                reply.TrySetCanceled(cancellationToken);   // the sender gave up while it waited in line
                return;
            }
            try
            {
                reply.TrySetResult(await handler(cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                reply.TrySetCanceled(cancellationToken);
            }
            catch (Exception ex)
            {
                reply.TrySetException(ex);
            }
        }

        bool first;
        lock (_gate)
        {
            first = !_mailboxes.TryGetValue(executionId, out var mailbox);
            if (first) _mailboxes[executionId] = mailbox = new Queue<Func<Task>>();
            mailbox!.Enqueue(Handle);
        }
        if (first) _ = Task.Run(() => DrainAsync(executionId));
        return reply.Task;
    }

    /// <summary>How many executions have messages queued or in hand (idle executions keep no mailbox).</summary>
    public int ActiveMailboxes
    {
        get { lock (_gate) return _mailboxes.Count; }
    }

    private async Task DrainAsync(Guid executionId)
    {
        while (true)
        {
            Func<Task> next;
            lock (_gate)
            {
                var mailbox = _mailboxes[executionId];
                if (mailbox.Count == 0)
                {
                    _mailboxes.Remove(executionId);   // under the lock, so a sender either finds it with work or starts a new one
                    return;
                }
                next = mailbox.Peek();
            }
            await next();   // never throws: Handle routes every outcome to its sender
            lock (_gate) _mailboxes[executionId].Dequeue();
        }
    }
}
