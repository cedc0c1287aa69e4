using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Data.Stores;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Security;

public sealed class SqliteAuditStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : IAuditStore
{
    public async Task AppendAsync(AuditEntry entry, ExecutionLogNote? note, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timestamp = Time(entry.Timestamp);
        db.Set<AuditEntryEntity>().Add(new AuditEntryEntity
        {
            Timestamp = timestamp,
            Actor = entry.Actor,
            Action = entry.Action,
            TargetType = entry.TargetType,
            TargetId = entry.TargetId,
            TargetName = entry.TargetName,
            Detail = entry.Detail,
        });
        if (note is not null)
        {
            var executionId = Id(note.ExecutionId);
            if (await db.Executions.AnyAsync(e => e.Id == executionId, cancellationToken))
                db.ExecutionLogs.Add(new ExecutionLogEntity { ExecutionId = executionId, Timestamp = timestamp, Level = (int)LogLevel.Information, Message = note.Message });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Page<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<AuditEntryEntity> entries = db.Set<AuditEntryEntity>();
        if (!string.IsNullOrWhiteSpace(query.Actor))
            entries = entries.Where(a => EF.Functions.Like(a.Actor.ToLower(), LikePattern.Contains(query.Actor.Trim()), LikePattern.Escape));
        if (!string.IsNullOrWhiteSpace(query.Action))
            entries = entries.Where(a => a.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.TargetId))
            entries = entries.Where(a => a.TargetId == query.TargetId);
        if (query.From is { } from)
            entries = entries.Where(a => a.Timestamp >= Time(from));
        if (query.To is { } to)
            entries = entries.Where(a => a.Timestamp < Time(to));

        var total = await entries.CountAsync(cancellationToken);
        var page = await Sorted(entries, query).Skip(query.Offset).Take(query.Limit).ToListAsync(cancellationToken);
        return new Page<AuditEntry>(
            page.Select(a => new AuditEntry(a.Id, ToTime(a.Timestamp), a.Actor, a.Action, a.TargetType, a.TargetId, a.TargetName, a.Detail)).ToList(),
            total, query.Offset, query.Limit);
    }

    private static IQueryable<AuditEntryEntity> Sorted(IQueryable<AuditEntryEntity> entries, AuditQuery query)
    {
        var byColumn = query.SortBy switch
        {
            AuditSort.Actor => query.Descending ? entries.OrderByDescending(a => a.Actor) : entries.OrderBy(a => a.Actor),
            AuditSort.Action => query.Descending ? entries.OrderByDescending(a => a.Action) : entries.OrderBy(a => a.Action),
            _ => null,
        };
        // The id follows the write order, so it is both the time sort and the tie-breaker.
        if (byColumn is not null) return byColumn.ThenByDescending(a => a.Id);
        return query.Descending ? entries.OrderByDescending(a => a.Id) : entries.OrderBy(a => a.Id);
    }
}
