using System.Security.Claims;
using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Records who did what. Actions on a run also go into that run's own log as an info line ("Paused by alice"),
/// so the monitor shows them next to what the engine did.
/// </summary>
public sealed class AuditTrail(IAuditStore store, TimeProvider clock, ILogger<AuditTrail> logger)
{
    public async Task RecordAsync(ClaimsPrincipal actor, AuditAction action, AuditTarget target, string? detail, CancellationToken ct)
    {
        var actorName = ActorClaims.ActorName(actor);
        var entry = new AuditEntry(0, clock.GetUtcNow(), actorName, action.Name, target.Type, target.Id, target.Name, detail);
        var note = target.Type == AuditTarget.ExecutionType && Guid.TryParse(target.Id, out var executionId)
            ? new ExecutionLogNote(executionId, $"{action.PastTense} by {actorName}{(detail is null ? "" : $" ({detail})")}")
            : null;
        await store.AppendAsync(entry, note, ct);
        logger.LogInformation("Audit: {Actor} {Action} {TargetType} {TargetId}", actorName, action.Name, target.Type, target.Id);
    }

    public Task<Engine.Persistence.Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken ct) => store.QueryAsync(query, ct);
}
