using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Nodes.Actions;

namespace ProcessStudio.Engine.Connections.Http;

/// <summary>
/// Asks a token endpoint for an access token with the client-credentials grant (RFC 6749 §4.4), through the HTTP
/// Request node's client and address policy. Refusals become node failures quoting the server's error.
/// </summary>
public sealed class OAuth2TokenClient(IHttpClientFactory clients, TimeProvider clock)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    /// <summary>A token is renewed this long before it expires, so a request never leaves with one about to lapse.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public async Task<OAuth2Token> RequestAsync(OAuth2Settings settings, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        using var request = BuildRequest(settings);
        var requestedAt = clock.GetUtcNow();
        try
        {
            using var response = await clients.CreateClient(HttpRequestNode.ClientName).SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var json = TryParse(body);
            if (!response.IsSuccessStatusCode)
                throw Refused(settings, (int)response.StatusCode, json);
            if (json?["access_token"] is not JsonValue token || !token.TryGetValue(out string? accessToken) || accessToken.Length == 0)
                throw new NodeFailedException($"The token endpoint {settings.TokenUrl} answered without an access_token.", "CredentialRejected");
            return new OAuth2Token(accessToken, RenewAt(requestedAt, NodeJson.Number(json["expires_in"]) ?? NodeJson.Int(json["expires_in"])));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientFailureException($"The token endpoint {settings.TokenUrl} did not answer within {Timeout.TotalSeconds:0} s.", "CredentialUnavailable");
        }
        catch (HttpRequestException ex)
        {
            throw new TransientFailureException($"The token endpoint {settings.TokenUrl} cannot be reached: {ex.InnerException?.Message ?? ex.Message}",
                "CredentialUnavailable", inner: ex);
        }
    }

    private static HttpRequestMessage BuildRequest(OAuth2Settings settings)
    {
        var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (settings.Scope is { } scope) form.Add(new("scope", scope));
        if (settings.Audience is { } audience) form.Add(new("audience", audience));
        var request = new HttpRequestMessage(HttpMethod.Post, settings.TokenUrl);
        if (settings.SecretInBody)
        {
            form.Add(new("client_id", settings.ClientId));
            form.Add(new("client_secret", settings.ClientSecret));
        }
        else
        {
            // RFC 6749 §2.3.1: both parts form-encoded before they are joined, then Base64.
            var pair = $"{Uri.EscapeDataString(settings.ClientId)}:{Uri.EscapeDataString(settings.ClientSecret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new FormUrlEncodedContent(form);
        return request;
    }

    private static DateTimeOffset? RenewAt(DateTimeOffset requestedAt, double? expiresIn)
    {
        if (expiresIn is not > 0) return null;
        var lifetime = TimeSpan.FromSeconds(expiresIn.Value);
        // Short-lived tokens keep most of their life: the margin is at most a tenth of it.
        return requestedAt + lifetime - TimeSpan.FromTicks(Math.Min(Margin.Ticks, lifetime.Ticks / 10));
    }

    private static NodeFailedException Refused(OAuth2Settings settings, int status, JsonNode? json)
    {
        var error = NodeJson.String(json?["error"]);
        var description = NodeJson.String(json?["error_description"]);
        var reason = error is null ? "" : description is null ? $": {error}" : $": {error} ({description})";
        var message = $"The token endpoint {settings.TokenUrl} refused the client credentials with HTTP {status}{reason}.";
        return status >= 500 ? new TransientFailureException(message, "CredentialUnavailable") : new NodeFailedException(message, "CredentialRejected");
    }

    private static JsonNode? TryParse(string body)
    {
        try { return body.Length == 0 ? null : JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }
}
