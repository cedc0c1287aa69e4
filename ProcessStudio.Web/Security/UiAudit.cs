using Microsoft.AspNetCore.Components.Authorization;

namespace ProcessStudio.Web.Security;

/// <summary>The audit trail for UI actions: the actor is whoever signed in to this circuit.</summary>
public sealed class UiAudit(AuthenticationStateProvider authentication, AuditTrail trail)
{
    public async Task RecordAsync(AuditAction action, AuditTarget target, CancellationToken ct, string? detail = null)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        await trail.RecordAsync(state.User, action, target, detail, ct);
    }
}
