using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Tests.Nodes;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Credentials;

/// <summary>The HTTP Request node with each kind of credential, against a local token server and API.</summary>
public sealed class HttpCredentialNodeTests : NodeFixture, IAsyncLifetime
{
    private LocalTokenServer _server = null!;
    private InMemoryConnectionResolver Credentials => (InMemoryConnectionResolver)Services.GetRequiredService<IConnectionResolver>();

    public async Task InitializeAsync() => _server = await LocalTokenServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_OAuth2_token_is_fetched_once_and_used_by_every_request()
    {
        Add("Orders API", "oauth2-client-credentials", OAuth2Values());

        var first = await CallAsync(_server.ApiUrl, "Orders API");
        var second = await CallAsync(_server.ApiUrl, "Orders API");

        first.Succeeded.Should().BeTrue(first.Error);
        second.Output!["body"]!["orders"]!.AsArray().Should().HaveCount(2);
        _server.TokensIssued.Should().Be(1);
        _server.ApiCalls.Should().Be(2);
    }

    [Fact]
    public async Task A_401_drops_the_token_and_the_request_is_sent_once_more_with_a_new_one()
    {
        Add("Orders API", "oauth2-client-credentials", OAuth2Values());
        await CallAsync(_server.ApiUrl, "Orders API");
        _server.RevokeAll();

        var result = await CallAsync(_server.ApiUrl, "Orders API");

        result.Succeeded.Should().BeTrue(result.Error);
        result.Output!["body"]!["token"]!.GetValue<string>().Should().Be("token-2");
        _server.ApiCalls.Should().Be(3);
    }

    [Fact]
    public async Task A_second_401_after_the_refresh_fails_the_node_without_asking_again()
    {
        Add("Orders API", "oauth2-client-credentials", OAuth2Values());

        var result = await CallAsync(_server.Url("/api/never"), "Orders API");

        result.Succeeded.Should().BeFalse();
        result.Error.Should().Contain("HTTP 401");
        _server.TokensIssued.Should().Be(2);
    }

    [Fact]
    public async Task Basic_bearer_and_header_keys_are_sent_as_headers()
    {
        Add("basic", "http-basic", new() { ["username"] = "ada", ["password"] = "pä:ss" });
        Add("bearer", "http-bearer", new() { ["token"] = "tok-1" });
        Add("key", "http-api-key", new() { ["placement"] = "header", ["name"] = "X-Api-Key", ["value"] = "k-1" });

        var basic = await CallAsync(_server.Url("/echo"), "basic");
        var bearer = await CallAsync(_server.Url("/echo"), "bearer");
        var key = await CallAsync(_server.Url("/echo"), "key");

        basic.Output!["body"]!["authorization"]!.GetValue<string>().Should().Be("Basic " + Convert.ToBase64String("ada:pä:ss"u8.ToArray()));
        bearer.Output!["body"]!["authorization"]!.GetValue<string>().Should().Be("Bearer tok-1");
        key.Output!["body"]!["apiKey"]!.GetValue<string>().Should().Be("k-1");
    }

    [Fact]
    public async Task A_query_key_joins_the_query_sent_but_never_the_error_message()
    {
        Add("key", "http-api-key", new() { ["placement"] = "query", ["name"] = "api_key", ["value"] = "secret value" });

        var echoed = await CallAsync(_server.Url("/echo?page=2"), "key");
        var failed = await CallAsync(_server.Url("/api/never"), "key");

        echoed.Output!["body"]!["query"]!.GetValue<string>().Should().Be("?page=2&api_key=secret%20value");
        failed.Error.Should().Contain("HTTP 401").And.NotContain("secret");
        _server.TokensIssued.Should().Be(0);
    }

    [Fact]
    public async Task A_credential_of_another_kind_is_refused_naming_the_setting()
    {
        Add("Shop DB", "database", new() { ["provider"] = "sqlite", ["path"] = "/tmp/x.db" });

        var result = await CallAsync(_server.ApiUrl, "Shop DB");

        result.Error.Should().Contain("Setting 'Credential'").And.Contain("not an HTTP credential");
    }

    [Fact]
    public async Task Testing_an_OAuth2_credential_fetches_a_token_and_calls_the_test_url()
    {
        var types = Services.GetRequiredService<ConnectionTypeCatalog>();
        var values = OAuth2Values();
        values["testUrl"] = _server.ApiUrl;

        var ok = await types.Find("oauth2-client-credentials")!.TestAsync(new ConnectionValues(values), CancellationToken.None);
        values["clientSecret"] = "wrong";
        var refused = await types.Find("oauth2-client-credentials")!.TestAsync(new ConnectionValues(values), CancellationToken.None);

        ok.Success.Should().BeTrue(ok.Message);
        ok.Transcript.Should().Contain(l => l.StartsWith("< 200"));
        refused.Success.Should().BeFalse();
        refused.Message.Should().Contain("invalid_client");
        string.Join("\n", ok.Transcript.Concat(refused.Transcript)).Should().NotContain(LocalTokenServer.ClientSecret).And.NotContain("token-");
    }

    private Task<Engine.Execution.NodeTestResult> CallAsync(string url, string credential) =>
        TestAsync("http-request", new { url, credential });

    private Dictionary<string, string?> OAuth2Values() => new()
    {
        ["tokenUrl"] = _server.TokenUrl, ["clientId"] = LocalTokenServer.ClientId, ["clientSecret"] = LocalTokenServer.ClientSecret,
    };

    private void Add(string name, string type, Dictionary<string, string?> values) =>
        Credentials.Add(new ResolvedConnection(Guid.NewGuid(), name, type, new ConnectionValues(values)));
}
