using System.Net;
using System.Net.Sockets;

namespace ProcessStudio.Engine.Net;

/// <summary>
/// The connect step of the HTTP Request node's handler: resolves the host itself, checks every resolved address
/// against the <see cref="OutboundAddressPolicy"/>, and connects only to the checked addresses. Because the check is on
/// the connection, not the URL, it also covers redirects and names that resolve to internal addresses.
/// </summary>
public sealed class PolicyCheckedConnector(OutboundAddressPolicy policy)
{
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        UseProxy = false,   // through a proxy the connection would go to the proxy's address, which the policy cannot judge
    };

    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(target.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(target.Host, cancellationToken);
        foreach (var address in addresses)
            if (policy.Refusal(address, target.Port) is { } reason)
                throw new OutboundAddressRefusedException(target.Host, address, target.Port, reason);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, target.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A connection refused by the outbound address policy before any packet was sent.</summary>
public sealed class OutboundAddressRefusedException(string host, IPAddress address, int port, string reason)
    : Exception($"The call to {host}:{port} ({address}) is refused: {reason}. See docs/security.md (outbound address policy).");
