using System.Net.Http.Headers;
using ProcessStudio.Engine.Nodes;

namespace ProcessStudio.Engine.Connections.Http;

/// <summary>
/// OAuth2 client credentials: the node fetches an access token from the token endpoint (cached until it expires) and
/// sends it as a bearer token; a 401 drops the token and the request is sent once more with a fresh one.
/// </summary>
public sealed class OAuth2ClientCredentialsType(HttpCredentialProbe probe, OAuth2TokenCache tokens, OAuth2TokenClient client) : HttpCredentialType(probe)
{
    public const string TypeName = "oauth2-client-credentials";

    private readonly HttpCredentialProbe _probe = probe;

    public override ConnectionTypeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "OAuth2 client credentials",
        Description = "A client id and secret exchanged at a token endpoint for an access token, sent as a bearer token. Used by the HTTP Request node.",
        Icon = "lock",
        Family = Family,
        SummaryFields = [OAuth2Settings.TokenUrlField],
        Fields =
        [
            new(OAuth2Settings.TokenUrlField, "Token URL", ConnectionFieldKind.Text) { Required = true, Placeholder = "https://auth.example.com/oauth/token" },
            new(OAuth2Settings.ClientIdField, "Client id", ConnectionFieldKind.Text) { Required = true },
            new(OAuth2Settings.ClientSecretField, "Client secret", ConnectionFieldKind.Text) { Secret = true, Required = true },
            new(OAuth2Settings.ScopeField, "Scope", ConnectionFieldKind.Text) { Description = "Space-separated scopes, when the server wants them." },
            new(OAuth2Settings.AudienceField, "Audience", ConnectionFieldKind.Text) { Description = "Sent as 'audience' (Auth0 and others); leave empty otherwise." },
            new(OAuth2Settings.ClientAuthenticationField, "Send client secret", ConnectionFieldKind.Select)
            {
                Options = [OAuth2Settings.BasicHeader, OAuth2Settings.RequestBody], Default = OAuth2Settings.BasicHeader,
                Description = "basic: in an Authorization header (RFC 6749's default); body: as client_id and client_secret form fields.",
            },
            TestUrl,
        ],
    };

    public override IEnumerable<(string Field, string Message)> Validate(ConnectionValues values)
    {
        foreach (var problem in base.Validate(values))
            yield return problem;
        if (values.Text(OAuth2Settings.TokenUrlField) is { } url && !HttpCredentialProbe.IsHttpUrl(url))
            yield return (OAuth2Settings.TokenUrlField, $"'{url}' is not an absolute http(s) URL.");
    }

    public override async Task ApplyAsync(HttpRequestMessage request, ResolvedConnection credential, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(credential.Id, Read(credential), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public override bool ForgetAfterUnauthorized(ResolvedConnection credential, HttpRequestMessage sent)
    {
        if (sent.Headers.Authorization?.Parameter is not { } token) return false;
        tokens.Forget(credential.Id, Read(credential), token);
        return true;
    }

    /// <summary>Fetches a fresh token (bypassing the cache), then calls the test URL with it when one is set.</summary>
    public override async Task<ConnectionTestResult> TestAsync(ConnectionValues values, CancellationToken cancellationToken)
    {
        OAuth2Settings settings;
        try { settings = OAuth2Settings.Read(values); }
        catch (FormatException ex) { return new ConnectionTestResult(false, ex.Message, []); }

        var transcript = new List<string> { $"> POST {settings.TokenUrl} (grant_type=client_credentials)" };
        OAuth2Token token;
        try
        {
            token = await client.RequestAsync(settings, cancellationToken);
            transcript.Add(token.RenewAt is { } renewAt ? $"< access token, to be renewed at {renewAt:u}" : "< access token without expiry");
        }
        catch (NodeFailedException ex)
        {
            return new ConnectionTestResult(false, ex.Message, transcript);
        }
        return await _probe.CallTestUrlAsync(values, (request, _) =>
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
            return Task.CompletedTask;
        }, transcript, cancellationToken);
    }

    private static OAuth2Settings Read(ResolvedConnection credential)
    {
        try { return OAuth2Settings.Read(credential.Values); }
        catch (FormatException ex) { throw new NodeFailedException($"Credential '{credential.Name}' is incomplete: {ex.Message}", "InvalidConnection"); }
    }
}
