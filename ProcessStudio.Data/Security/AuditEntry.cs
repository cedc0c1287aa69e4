namespace ProcessStudio.Data.Security;

/// <summary>Who (<see cref="Actor"/>: a user name or "key:name") did what (<see cref="Action"/>) to which target, and when.</summary>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset Timestamp,
    string Actor,
    string Action,
    string TargetType,
    string? TargetId,
    string? TargetName,
    string? Detail);

/// <summary>Filters for the audit list; every filter is optional. Newest first unless <see cref="SortBy"/> says otherwise.</summary>
public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? TargetId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Offset = 0,
    int Limit = 50,
    AuditSort SortBy = AuditSort.Time,
    bool Descending = true);

/// <summary>The columns the audit list sorts by; ties keep the order entries were written in.</summary>
public enum AuditSort { Time, Actor, Action }

/// <summary>A line to add to an execution's own log together with its audit entry ("Paused by alice").</summary>
public sealed record ExecutionLogNote(Guid ExecutionId, string Message);
