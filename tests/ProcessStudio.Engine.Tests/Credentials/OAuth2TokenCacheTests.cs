using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessStudio.Engine.Connections.Http;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Credentials;

/// <summary>OAuth2 access tokens against a real token endpoint: fetched once, reused until shortly before expiry, dropped on request.</summary>
public sealed class OAuth2TokenCacheTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-07T10:00:00Z"));
    private LocalTokenServer _server = null!;
    private ServiceProvider _services = null!;
    private OAuth2TokenCache Cache => _services.GetRequiredService<OAuth2TokenCache>();

    public async Task InitializeAsync()
    {
        _server = await LocalTokenServer.StartAsync();
        _services = EngineServices.Build(before: s => s.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_token_is_fetched_once_and_reused_while_it_is_valid()
    {
        var id = Guid.NewGuid();

        var first = await Cache.GetAsync(id, Settings(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(50));
        var second = await Cache.GetAsync(id, Settings(), CancellationToken.None);

        second.Should().Be(first);
        _server.TokensIssued.Should().Be(1);
    }

    [Fact]
    public async Task A_token_is_renewed_shortly_before_it_expires()
    {
        _server.ExpiresIn = 120;   // renewed 12 s early: a tenth of a short lifetime
        var id = Guid.NewGuid();
        var first = await Cache.GetAsync(id, Settings(), CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(100));
        var beforeMargin = await Cache.GetAsync(id, Settings(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var afterMargin = await Cache.GetAsync(id, Settings(), CancellationToken.None);

        beforeMargin.Should().Be(first);
        afterMargin.Should().NotBe(first);
        _server.TokensIssued.Should().Be(2);
    }

    [Fact]
    public async Task A_token_without_expiry_is_kept_until_it_is_forgotten_and_only_the_failed_token_is_forgotten()
    {
        _server.ExpiresIn = null;
        var id = Guid.NewGuid();
        var first = await Cache.GetAsync(id, Settings(), CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(30));
        (await Cache.GetAsync(id, Settings(), CancellationToken.None)).Should().Be(first);

        Cache.Forget(id, Settings(), first);
        var second = await Cache.GetAsync(id, Settings(), CancellationToken.None);
        Cache.Forget(id, Settings(), first);   // a late 401 for the old token leaves the new one alone

        (await Cache.GetAsync(id, Settings(), CancellationToken.None)).Should().Be(second).And.NotBe(first);
        _server.TokensIssued.Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_requests_for_a_missing_token_share_one_fetch()
    {
        var id = Guid.NewGuid();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Cache.GetAsync(id, Settings(), CancellationToken.None)));

        tokens.Distinct().Should().ContainSingle();
        _server.TokensIssued.Should().Be(1);
    }

    [Fact]
    public async Task Editing_the_credential_starts_with_a_new_token()
    {
        var id = Guid.NewGuid();
        var before = await Cache.GetAsync(id, Settings(), CancellationToken.None);

        var after = await Cache.GetAsync(id, Settings() with { Scope = "orders:read" }, CancellationToken.None);

        after.Should().NotBe(before);
        _server.LastTokenRequest["scope"].Should().Be("orders:read");
    }

    [Fact]
    public async Task The_secret_can_travel_in_the_form_body_with_scope_and_audience()
    {
        await Cache.GetAsync(Guid.NewGuid(), Settings() with { SecretInBody = true, Scope = "a b", Audience = "https://api" }, CancellationToken.None);

        _server.LastTokenRequest.Should().Contain(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = LocalTokenServer.ClientId, ["client_secret"] = LocalTokenServer.ClientSecret,
            ["scope"] = "a b", ["audience"] = "https://api",
        });
    }

    [Fact]
    public async Task A_refused_client_fails_quoting_the_servers_error()
    {
        var act = () => Cache.GetAsync(Guid.NewGuid(), Settings() with { ClientSecret = "guessed-xyz" }, CancellationToken.None);

        var failure = (await act.Should().ThrowAsync<NodeFailedException>()).Which;
        failure.Message.Should().Contain("HTTP 401").And.Contain("invalid_client").And.NotContain("guessed-xyz");
        failure.ErrorType.Should().Be("CredentialRejected");
    }

    private OAuth2Settings Settings() => new(new Uri(_server.TokenUrl), LocalTokenServer.ClientId, LocalTokenServer.ClientSecret, null, null, false);
}
