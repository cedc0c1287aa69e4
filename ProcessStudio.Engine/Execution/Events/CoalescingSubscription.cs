using System.Runtime.CompilerServices;

namespace ProcessStudio.Engine.Execution.Events;

/// <summary>
/// One subscriber's bounded buffer. When full, a status or progress event replaces the queued one for the same node or
/// execution (latest wins), the oldest log line is dropped to make room for anything else, and dropped logs are counted.
/// </summary>
internal sealed class CoalescingSubscription(Func<EngineEvent, bool>? filter, int capacity, Action unsubscribe) : IEngineSubscription
{
    private readonly object _gate = new();
    private readonly LinkedList<EngineEvent> _queue = new();
    private readonly Dictionary<string, LinkedListNode<EngineEvent>> _latestByKey = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _available = new(0);
    private long _droppedLogs;
    private bool _disposed;

    public long DroppedLogs => Interlocked.Read(ref _droppedLogs);

    public void Offer(EngineEvent engineEvent)
    {
        if (_disposed || filter?.Invoke(engineEvent) == false) return;
        var key = CoalescingKey(engineEvent);
        lock (_gate)
        {
            if (_queue.Count >= capacity)
            {
                if (key is not null && _latestByKey.TryGetValue(key, out var queued))
                {
                    queued.Value = engineEvent;   // same place in the queue, newer content
                    return;
                }
                if (engineEvent is LogWritten || !DropOldestLog())
                {
                    if (engineEvent is LogWritten) Interlocked.Increment(ref _droppedLogs);
                    else Enqueue(engineEvent, key);   // state changes are never lost; coalescing bounds them per node
                    return;
                }
            }
            Enqueue(engineEvent, key);
        }
    }

    private void Enqueue(EngineEvent engineEvent, string? key)
    {
        var node = _queue.AddLast(engineEvent);
        if (key is not null) _latestByKey[key] = node;
        _available.Release();
    }

    private bool DropOldestLog()
    {
        for (var node = _queue.First; node is not null; node = node.Next)
        {
            if (node.Value is not LogWritten) continue;
            _queue.Remove(node);
            Interlocked.Increment(ref _droppedLogs);
            _available.Wait(0);
            return true;
        }
        return false;
    }

    private static string? CoalescingKey(EngineEvent engineEvent) => engineEvent switch
    {
        NodeStatusChanged e => $"status:{e.ExecutionId}:{e.NodeId}",
        NodeProgressChanged e => $"progress:{e.ExecutionId}:{e.NodeId}",
        ExecutionStatusChanged e => $"execution:{e.ExecutionId}",
        _ => null,
    };

    public async IAsyncEnumerable<EngineEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!_disposed)
        {
            await _available.WaitAsync(cancellationToken);
            EngineEvent? next = null;
            lock (_gate)
            {
                if (_queue.First is { } first)
                {
                    _queue.RemoveFirst();
                    next = first.Value;
                    var key = CoalescingKey(next);
                    if (key is not null && _latestByKey.TryGetValue(key, out var latest) && latest == first) _latestByKey.Remove(key);
                }
            }
            if (next is not null) yield return next;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        unsubscribe();
        _available.Release();
    }
}
