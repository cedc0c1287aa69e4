using System.Threading.Channels;

namespace ProcessStudio.Web.Hubs;

/// <summary>
/// The messages waiting to be sent to one hub connection, at most <c>capacity</c>. Posting never waits: when the
/// connection has fallen that far behind, the post fails and the outbox closes for good, so the caller drops the
/// connection instead of holding the broadcast for everyone else. The client reconnects and re-reads the current state.
/// </summary>
public sealed class ConnectionOutbox<T>
{
    private const int Open = 0, Full = 1, Closed = 2;
    private readonly Channel<T> _channel;
    private int _state = Open;

    public ConnectionOutbox(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,   // TryWrite then reports "full" instead of silently dropping a message
            SingleReader = true,
        });
    }

    /// <summary>True once a post found the outbox full; nothing more is accepted after that.</summary>
    public bool Overflowed => Volatile.Read(ref _state) == Full;

    /// <summary>Queues a message; false when the outbox is full (the first such call closes it) or already closed.</summary>
    public bool TryPost(T message)
    {
        if (_channel.Writer.TryWrite(message)) return true;
        if (Interlocked.CompareExchange(ref _state, Full, Open) == Open) _channel.Writer.TryComplete();
        return false;
    }

    /// <summary>Messages in the order they were posted, until the outbox closes.</summary>
    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);

    public int Pending => _channel.Reader.Count;

    /// <summary>Ends the stream normally (the client disconnected): later posts fail without counting as an overflow.</summary>
    public void Close()
    {
        Interlocked.CompareExchange(ref _state, Closed, Open);
        _channel.Writer.TryComplete();
    }
}
