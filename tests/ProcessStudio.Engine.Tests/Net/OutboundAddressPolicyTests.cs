using System.Net;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Net;

namespace ProcessStudio.Engine.Tests.Net;

/// <summary>The address policy alone: defaults, the lists, and the app's own listening endpoints.</summary>
public sealed class OutboundAddressPolicyTests
{
    private sealed class Listening(params IPEndPoint[] endpoints) : IOwnEndpoints
    {
        public IReadOnlyCollection<IPEndPoint> Current => endpoints;
    }

    private static OutboundAddressPolicy Policy(Action<OutboundAddressOptions>? configure = null, IOwnEndpoints? own = null)
    {
        var options = new EngineOptions();
        configure?.Invoke(options.OutboundAddresses);
        return new OutboundAddressPolicy(Options.Create(options), own ?? new NoOwnEndpoints());
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("100.100.100.200")]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    public void Refuses_by_default(string address) =>
        Policy().Refusal(IPAddress.Parse(address), 80).Should().NotBeNull();

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("10.1.2.3")]
    [InlineData("192.168.1.10")]
    [InlineData("2606:2800:220:1::1")]
    public void Allows_public_and_private_addresses_by_default(string address) =>
        Policy().Refusal(IPAddress.Parse(address), 443).Should().BeNull();

    [Fact]
    public void Loopback_can_be_allowed_but_never_the_apps_own_port()
    {
        var policy = Policy(o => o.AllowLoopback = true, new Listening(new IPEndPoint(IPAddress.Loopback, 5080)));

        policy.Refusal(IPAddress.Loopback, 9000).Should().BeNull();
        policy.Refusal(IPAddress.Loopback, 5080).Should().Contain("own listening address");
        policy.Refusal(IPAddress.IPv6Loopback, 5080).Should().Contain("own listening address", "loopback in either family reaches a loopback listener");
    }

    [Fact]
    public void A_wildcard_listener_makes_its_port_on_every_local_address_the_apps_own()
    {
        var policy = Policy(o => o.AllowLoopback = true, new Listening(new IPEndPoint(IPAddress.Any, 5080)));

        policy.Refusal(IPAddress.Parse("127.0.0.1"), 5080).Should().NotBeNull();
        policy.Refusal(IPAddress.Parse("93.184.216.34"), 5080).Should().BeNull("another machine's port 5080 is not this app");
    }

    [Fact]
    public void The_deny_list_wins_over_the_allow_list_which_wins_over_the_defaults()
    {
        var policy = Policy(o =>
        {
            o.Allow.AddRange(["169.254.10.0/24", "10.0.0.7"]);
            o.Deny.AddRange(["10.0.0.0/8"]);
        });

        policy.Refusal(IPAddress.Parse("169.254.10.5"), 80).Should().BeNull();
        policy.Refusal(IPAddress.Parse("10.0.0.7"), 80).Should().Contain("deny list");
        policy.Refusal(IPAddress.Parse("10.9.9.9"), 80).Should().Contain("deny list");
    }

    [Fact]
    public void Invalid_list_entries_are_reported()
    {
        var options = new OutboundAddressOptions { Allow = ["10.0.0.0/8", "not-an-address"], Deny = ["300.1.1.1"] };

        OutboundAddressPolicy.InvalidEntries(options).Should().Equal("not-an-address", "300.1.1.1");
    }
}
