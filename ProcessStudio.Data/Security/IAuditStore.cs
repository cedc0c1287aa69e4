using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Security;

public interface IAuditStore
{
    /// <summary>Appends the entry and, when given and the execution still exists, the note to that execution's log, in one transaction.</summary>
    Task AppendAsync(AuditEntry entry, ExecutionLogNote? note, CancellationToken cancellationToken);
    Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
