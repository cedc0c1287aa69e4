using Microsoft.AspNetCore.SignalR;

namespace ProcessStudio.Web.Hubs;

/// <summary>Wires a new hub connection's outbox to SignalR: sends go to that one client, overflow aborts its connection.</summary>
public sealed class LiveConnectionFactory(IHubContext<ExecutionsHub> hub, ILogger<LiveConnection> logger)
{
    /// <summary>Messages a client may fall behind by before it is dropped; a busy run sends a few per node.</summary>
    public const int OutboxCapacity = 512;

    public LiveConnection Create(HubCallerContext context)
    {
        var client = hub.Clients.Client(context.ConnectionId);
        return new LiveConnection(context.ConnectionId, OutboxCapacity,
            (message, cancellationToken) => client.SendAsync(message.Method, message.Payload, cancellationToken),
            context.Abort, logger);
    }
}
