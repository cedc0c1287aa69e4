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
        var principal = context.Principal;
        var user = principal is null || ActorClaims.UserId(principal) is not { } id ? null : await users.FindByIdAsync(id, context.HttpContext.RequestAborted);
        if (user is null || user.IsDisabled || user.SecurityStamp != principal!.FindFirst(ActorClaims.SecurityStamp)?.Value)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }
}
