using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

/// <summary>
/// An open page lives on one circuit for hours, while the cookie is checked only on HTTP requests. This re-checks the
/// circuit's user every <see cref="SecurityOptions.PageRevalidationInterval"/>: once they are disabled or their password or role changed, the page
/// loses its sign-in and sends them to the login page.
/// </summary>
public sealed class CircuitUserRevalidation(ILoggerFactory loggerFactory, IUserStore users, IOptions<SecurityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.PageRevalidationInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        authenticationState.User.Identity?.IsAuthenticated == true
            ? SignedInUser.IsCurrentAsync(users, authenticationState.User, cancellationToken)
            : Task.FromResult(true);
}
