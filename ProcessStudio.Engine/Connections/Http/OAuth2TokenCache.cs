using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ProcessStudio.Engine.Connections.Http;

/// <summary>
/// Access tokens of OAuth2 credentials, shared by every run: a token is fetched once and reused until shortly before it
/// expires, or until an API answers 401 to it. Concurrent requests for a missing token wait for one fetch. Entries are
/// keyed by the credential and a hash of its values, so editing a credential starts afresh.
/// </summary>
public sealed class OAuth2TokenCache(OAuth2TokenClient client, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, OAuth2Token> _tokens = new();
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetches = new();

    public async Task<string> GetAsync(Guid credentialId, OAuth2Settings settings, CancellationToken cancellationToken)
    {
        var key = Key(credentialId, settings);
        if (Fresh(key) is { } cached) return cached;

        var fetch = _fetches.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await fetch.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(key) is { } fetchedMeanwhile) return fetchedMeanwhile;
            var token = await client.RequestAsync(settings, cancellationToken);
            _tokens[key] = token;
            return token.AccessToken;
        }
        finally
        {
            fetch.Release();
        }
    }

    /// <summary>Drops <paramref name="accessToken"/> if it is still the cached one (a refresh by another request is kept).</summary>
    public void Forget(Guid credentialId, OAuth2Settings settings, string accessToken)
    {
        var key = Key(credentialId, settings);
        if (_tokens.TryGetValue(key, out var token) && token.AccessToken == accessToken)
            _tokens.TryRemove(new KeyValuePair<string, OAuth2Token>(key, token));
    }

    private string? Fresh(string key) =>
        _tokens.TryGetValue(key, out var token) && (token.RenewAt is not { } renewAt || clock.GetUtcNow() < renewAt) ? token.AccessToken : null;

    private static string Key(Guid credentialId, OAuth2Settings settings)
    {
        var values = string.Join('\n', settings.TokenUrl, settings.ClientId, settings.ClientSecret, settings.Scope, settings.Audience, settings.SecretInBody);
        return $"{credentialId:N}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(values)))}";
    }
}
