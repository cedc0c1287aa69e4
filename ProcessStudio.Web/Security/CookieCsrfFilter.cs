using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Cross-site request forgery guard for API calls made with the sign-in cookie: a state-changing call (anything but
/// GET, HEAD, OPTIONS) needs a same-origin <c>Origin</c> header (or <c>Sec-Fetch-Site: same-origin</c> when a browser
/// sends no Origin), or a valid antiforgery token in the antiforgery header. Bodies must be JSON anyway
/// (<see cref="JsonContentTypeFilter"/>), which a cross-site form cannot send. API-key calls carry no ambient
/// credential a browser could attach, so they are not checked.
/// </summary>
public sealed class CookieCsrfFilter(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (IsSafe(http.Request.Method) || !IsCookieCall(http) || IsSameOrigin(http.Request) || await HasValidTokenAsync(http))
            return await next(context);
        return ApiProblems.Forbidden("Origin",
            "A state-changing call made with the sign-in cookie must come from this site's own pages (same-origin Origin header) " +
            $"or carry the antiforgery token in the {antiforgeryOptions.Value.HeaderName} header. Scripts should use an API key.");
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static bool IsCookieCall(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type != ActorClaims.ApiKeyScheme;

    public static bool IsSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "same-origin", StringComparison.OrdinalIgnoreCase);
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
               && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<bool> HasValidTokenAsync(HttpContext http) =>
        antiforgeryOptions.Value.HeaderName is { } header && http.Request.Headers.ContainsKey(header) && await antiforgery.IsRequestValidAsync(http);
}
