using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ProcessStudio.Engine.Net;

namespace ProcessStudio.Web.Hosting;

/// <summary>The addresses Kestrel listens on, read when asked (they are known only once the server has started).</summary>
internal sealed class ServerEndpoints(IServer server) : IOwnEndpoints
{
    public IReadOnlyCollection<IPEndPoint> Current =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.SelectMany(Parse).ToList() ?? [];

    private static IEnumerable<IPEndPoint> Parse(string address)
    {
        // Kestrel reports "http://127.0.0.1:5080", "http://[::]:5080", "http://localhost:5080" or "http://+:5080".
        var normalized = address.Replace("://+", "://0.0.0.0").Replace("://*", "://0.0.0.0");
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri)) yield break;
        if (uri.IsLoopback && !IPAddress.TryParse(uri.DnsSafeHost, out _))
        {
            yield return new IPEndPoint(IPAddress.Loopback, uri.Port);
            yield return new IPEndPoint(IPAddress.IPv6Loopback, uri.Port);
        }
        else if (IPAddress.TryParse(uri.DnsSafeHost, out var ip))
            yield return new IPEndPoint(ip, uri.Port);
    }
}
