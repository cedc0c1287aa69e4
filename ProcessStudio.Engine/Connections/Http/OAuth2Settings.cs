namespace ProcessStudio.Engine.Connections.Http;

/// <summary>The values of an OAuth2 client-credentials credential, typed. Field names are the ones the type declares.</summary>
public sealed record OAuth2Settings(Uri TokenUrl, string ClientId, string ClientSecret, string? Scope, string? Audience, bool SecretInBody)
{
    public const string TokenUrlField = "tokenUrl";
    public const string ClientIdField = "clientId";
    public const string ClientSecretField = "clientSecret";
    public const string ScopeField = "scope";
    public const string AudienceField = "audience";
    public const string ClientAuthenticationField = "clientAuthentication";
    public const string BasicHeader = "basic";
    public const string RequestBody = "body";

    /// <summary>Reads the values; throws <see cref="FormatException"/> naming the field when one is missing or malformed.</summary>
    public static OAuth2Settings Read(ConnectionValues values)
    {
        var url = values.Text(TokenUrlField) ?? throw new FormatException($"'{TokenUrlField}' is required.");
        if (!HttpCredentialProbe.IsHttpUrl(url))
            throw new FormatException($"'{TokenUrlField}' is not an absolute http(s) URL: '{url}'.");
        return new OAuth2Settings(new Uri(url),
            values.Text(ClientIdField) ?? throw new FormatException($"'{ClientIdField}' is required."),
            values.Text(ClientSecretField) ?? throw new FormatException($"'{ClientSecretField}' is required."),
            values.Text(ScopeField), values.Text(AudienceField), values.Text(ClientAuthenticationField) == RequestBody);
    }
}

/// <summary>An access token and when it stops being used (its lifetime less a margin); never for a token without expires_in.</summary>
public sealed record OAuth2Token(string AccessToken, DateTimeOffset? RenewAt);
