using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Extensions.Options;

namespace ProcessStudio.Engine.Net;

/// <summary>Decides whether an outbound connection to an IP address and port is allowed (<see cref="OutboundAddressOptions"/>).</summary>
public sealed class OutboundAddressPolicy(IOptions<EngineOptions> options, IOwnEndpoints own)
{
    /// <summary>Metadata services outside link-local: AWS over IPv6, Alibaba Cloud, Oracle Cloud's second address.</summary>
    private static readonly IPNetwork[] Metadata =
        [IPNetwork.Parse("fd00:ec2::254/128"), IPNetwork.Parse("100.100.100.200/32"), IPNetwork.Parse("192.0.0.192/32")];

    private static readonly IPNetwork LinkLocalV4 = IPNetwork.Parse("169.254.0.0/16");
    private static readonly IPNetwork LinkLocalV6 = IPNetwork.Parse("fe80::/10");

    private OutboundAddressOptions Settings => options.Value.OutboundAddresses;

    /// <summary>Null when the connection is allowed, otherwise why not.</summary>
    public string? Refusal(IPAddress address, int port)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var settings = Settings;
        if (Matches(settings.Deny, address)) return "it is on the deny list (Engine:OutboundAddresses:Deny)";
        if (Matches(settings.Allow, address)) return null;
        if (IsOwnEndpoint(address, port)) return "it is this app's own listening address";
        if (IPAddress.IsLoopback(address) && !settings.AllowLoopback) return "loopback addresses are not allowed (Engine:OutboundAddresses:AllowLoopback)";
        if (LinkLocalV4.Contains(address) || LinkLocalV6.Contains(address) || Metadata.Any(n => n.Contains(address)))
            return "link-local and cloud metadata addresses are not allowed";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || IsMulticast(address))
            return "unspecified and multicast addresses are not allowed";
        return null;
    }

    /// <summary>Checks the configured lists once, so a typo fails at start-up rather than on a workflow's first call.</summary>
    public static IEnumerable<string> InvalidEntries(OutboundAddressOptions settings) =>
        settings.Allow.Concat(settings.Deny).Where(entry => !TryParseNetwork(entry, out _));

    private bool IsOwnEndpoint(IPAddress address, int port)
    {
        foreach (var endpoint in own.Current)
        {
            if (endpoint.Port != port) continue;
            var listening = endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address;
            if (listening.Equals(address)) return true;
            if (IPAddress.IsLoopback(listening) && IPAddress.IsLoopback(address)) return true;
            if ((listening.Equals(IPAddress.Any) || listening.Equals(IPAddress.IPv6Any)) && IsLocalAddress(address)) return true;
        }
        return false;
    }

    /// <summary>Loopback or an address of one of this machine's network interfaces (what a wildcard listener answers on).</summary>
    private static bool IsLocalAddress(IPAddress address) =>
        IPAddress.IsLoopback(address) || NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(nic => nic.GetIPProperties().UnicastAddresses)
            .Any(unicast => unicast.Address.Equals(address));

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && address.GetAddressBytes()[0] is >= 224 and <= 239);

    private static bool Matches(List<string> entries, IPAddress address) =>
        entries.Any(entry => TryParseNetwork(entry, out var network) && network.Contains(address));

    private static bool TryParseNetwork(string entry, out IPNetwork network)
    {
        var text = entry.Trim();
        if (IPAddress.TryParse(text, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(text, out network);
    }
}
