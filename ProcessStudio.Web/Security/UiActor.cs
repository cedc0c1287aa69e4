using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Whoever signed in to this circuit. UI actions check their policy here before acting (buttons are hidden by
/// AuthorizeView, but keyboard shortcuts and stale pages must not get around that) and record what they did.
/// </summary>
public sealed class UiActor(AuthenticationStateProvider authentication, IAuthorizationService authorization, AuditTrail trail)
{
    public async Task<bool> AllowsAsync(string policy)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }

    public Task RecordAsync(AuditAction action, AuditTarget target, CancellationToken ct) => RecordAsync(action, target, null, ct);

    public async Task RecordAsync(AuditAction action, AuditTarget target, string? detail, CancellationToken ct)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await trail.RecordAsync(state.User, action, target, detail, ct);
    }

    public async Task<System.Security.Claims.ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<string> NameAsync() => ActorClaims.ActorName((await authentication.GetAuthenticationStateAsync()).User);
}
