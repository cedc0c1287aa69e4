using System.Security.Claims;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

public static class SignedInUser
{
    /// <summary>The account behind a sign-in still exists, is enabled, and its password and role are those it signed in with.</summary>
    public static async Task<bool> IsCurrentAsync(IUserStore users, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (ActorClaims.UserId(principal) is not { } id) return false;
        var user = await users.FindByIdAsync(id, ct);
        return user is { IsDisabled: false } && user.SecurityStamp == principal.FindFirst(ActorClaims.SecurityStamp)?.Value;
    }
}
