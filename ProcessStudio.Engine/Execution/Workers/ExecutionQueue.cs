using System.Threading.Channels;

namespace ProcessStudio.Engine.Execution.Workers;

/// <summary>A request to drive one execution on a worker; <c>SingleStep</c> runs one node and pauses again.</summary>
public sealed record RunRequest(Guid ExecutionId, bool SingleStep = false);

/// <summary>Runs waiting for a worker. Writers never wait: the queue holds ids only, and runs stay pending until picked up.</summary>
public sealed class ExecutionQueue
{
    private readonly Channel<RunRequest> _channel = Channel.CreateUnbounded<RunRequest>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(RunRequest request) => _channel.Writer.TryWrite(request);

    public ChannelReader<RunRequest> Reader => _channel.Reader;

    /// <summary>Requests not yet taken by a worker.</summary>
    public int Depth => _channel.Reader.Count;
}
