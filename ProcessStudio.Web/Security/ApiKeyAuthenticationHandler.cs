using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Authenticates programs by API key: the <c>X-Api-Key</c> header, or on /hubs/* the <c>access_token</c> query
/// parameter (browsers cannot set headers on WebSocket requests).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";
    public const string HubQueryName = "access_token";

    public static bool CarriesKey(HttpRequest request) => ReadKey(request) is not null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ReadKey(Request) is not { } key)
            return AuthenticateResult.NoResult();
        var record = await keys.FindActiveAsync(key, Context.RequestAborted);
        return record is null
            ? AuthenticateResult.Fail("The API key is unknown or was revoked.")
            : AuthenticateResult.Success(new AuthenticationTicket(ActorClaims.ForApiKey(record), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = ActorClaims.ApiKeyScheme;
        return SecurityProblems.WriteUnauthorizedAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => SecurityProblems.WriteForbiddenAsync(Context);

    private static string? ReadKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrWhiteSpace(header))
            return header.ToString().Trim();
        if (request.Path.StartsWithSegments("/hubs") && request.Query.TryGetValue(HubQueryName, out var token) && !string.IsNullOrWhiteSpace(token))
            return token.ToString();
        return null;
    }
}
