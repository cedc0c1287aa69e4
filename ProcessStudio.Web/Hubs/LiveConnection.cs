namespace ProcessStudio.Web.Hubs;

/// <summary>
/// One hub connection: the groups it joined and its bounded outbox, drained by a send loop of its own. A connection
/// whose outbox overflows is aborted; its send loop is the only code that ever waits on that client.
/// </summary>
public sealed class LiveConnection : IAsyncDisposable
{
    public delegate Task Sender(LiveMessage message, CancellationToken cancellationToken);

    private readonly object _gate = new();
    private readonly HashSet<Guid> _executions = [];
    private readonly HashSet<Guid> _workflows = [];
    private readonly ConnectionOutbox<LiveMessage> _outbox;
    private readonly Sender _send;
    private readonly Action _abort;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly Task _sending;
    private bool _all;
    private int _stopped;   // 1 once dropped or disposed: nothing more to offer, abort or log

    public LiveConnection(string id, int capacity, Sender send, Action abort, ILogger logger)
    {
        Id = id;
        _outbox = new ConnectionOutbox<LiveMessage>(capacity);
        _send = send;
        _abort = abort;
        _logger = logger;
        _sending = Task.Run(() => SendLoopAsync(_closing.Token));
    }

    public string Id { get; }

    public void JoinAll() { lock (_gate) _all = true; }
    public void LeaveAll() { lock (_gate) _all = false; }
    public void JoinExecution(Guid executionId) { lock (_gate) _executions.Add(executionId); }
    public void LeaveExecution(Guid executionId) { lock (_gate) _executions.Remove(executionId); }
    public void JoinWorkflow(Guid workflowId) { lock (_gate) _workflows.Add(workflowId); }
    public void LeaveWorkflow(Guid workflowId) { lock (_gate) _workflows.Remove(workflowId); }

    public bool Wants(LiveMessage message)
    {
        lock (_gate) return _all || _executions.Contains(message.ExecutionId) || _workflows.Contains(message.WorkflowId);
    }

    /// <summary>Queues the message without waiting; a connection too far behind is aborted (once) instead.</summary>
    public void Offer(LiveMessage message)
    {
        if (_outbox.TryPost(message) || Interlocked.Exchange(ref _stopped, 1) == 1) return;
        _logger.LogWarning("Live connection {ConnectionId} fell {Pending} messages behind and was dropped", Id, _outbox.Pending);
        _closing.Cancel();
        _abort();
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _outbox.ReadAllAsync(cancellationToken))
                await _send(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Sending to live connection {ConnectionId} failed; the connection is dropped", Id);
            _abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _stopped, 1);
        _outbox.Close();
        await _closing.CancelAsync();
        await _sending;   // the source is not disposed: the broadcaster may still offer to this connection once
    }
}
