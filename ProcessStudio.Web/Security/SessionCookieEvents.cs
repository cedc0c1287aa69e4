using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Sign-in cookie behaviour: programs get 401/403 problems instead of a redirect to the login page, and a cookie
/// stops working once its user is disabled or their password or role changes (the security stamp moved on).
/// </summary>
public sealed class SessionCookieEvents(IUserStore users) : CookieAuthenticationEvents
{
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context) =>
        SecurityProblems.IsForPrograms(context.Request) ? SecurityProblems.WriteUnauthorizedAsync(context.HttpContext) : base.RedirectToLogin(context);

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context) =>
        SecurityProblems.IsForPrograms(context.Request) ? SecurityProblems.WriteForbiddenAsync(context.HttpContext) : base.RedirectToAccessDenied(context);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await SignedInUser.IsCurrentAsync(users, context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }
}
