using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Mapping;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Stores;

/// <summary>Workflows and their immutable versions. Definitions are stored as <see cref="WorkflowJson"/> text.</summary>
public sealed class SqliteWorkflowStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : IWorkflowStore
{
    public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        IQueryable<WorkflowEntity> workflows = db.Workflows;
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Contains(search.Trim());
            workflows = workflows.Where(w => EF.Functions.Like(w.Name.ToLower(), pattern, LikePattern.Escape)
                                             || EF.Functions.Like(w.Description!.ToLower(), pattern, LikePattern.Escape));
        }

        var rows = await workflows
            .OrderBy(w => w.Name)
            .Select(w => new
            {
                Workflow = w,
                NodeCount = db.WorkflowVersions.Where(v => v.WorkflowId == w.Id && v.Version == w.LatestVersion).Select(v => v.NodeCount).FirstOrDefault(),
                LastRun = db.Executions.Where(e => e.WorkflowId == w.Id).OrderByDescending(e => e.CreatedAt)
                    .Select(e => new { e.Status, e.CreatedAt }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        return rows.Select(r => new WorkflowSummary(
                ToGuid(r.Workflow.Id), r.Workflow.Name, r.Workflow.Description, r.Workflow.LatestVersion,
                ToTime(r.Workflow.CreatedAt), ToTime(r.Workflow.UpdatedAt),
                r.LastRun is null ? null : (ExecutionStatus)r.LastRun.Status,
                r.LastRun is null ? null : ToTime(r.LastRun.CreatedAt),
                r.NodeCount))
            .ToList();
    }

    public async Task<WorkflowVersion?> GetLatestAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.WorkflowVersions.Where(v => v.WorkflowId == id).OrderByDescending(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<int?> GetLatestVersionNumberAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowVersions.Where(v => v.WorkflowId == id).MaxAsync(v => (int?)v.Version, cancellationToken);
    }

    public async Task<WorkflowVersion?> GetVersionAsync(Guid workflowId, int version, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.WorkflowVersions.FirstOrDefaultAsync(v => v.WorkflowId == id && v.Version == version, cancellationToken);
        return entity?.ToRecord();
    }

    public async Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Project without the definition text: a version list never needs the (possibly large) JSON.
        var versions = await db.WorkflowVersions.Where(v => v.WorkflowId == id).OrderByDescending(v => v.Version)
            .Select(v => new WorkflowVersionEntity { WorkflowId = v.WorkflowId, Version = v.Version, CreatedAt = v.CreatedAt, Comment = v.Comment, NodeCount = v.NodeCount })
            .ToListAsync(cancellationToken);
        return versions.Select(v => v.ToInfo()).ToList();
    }

    /// <summary>
    /// Appends version max+1 when the stored workflow meets <paramref name="expected"/>. The check runs inside the
    /// write transaction (on SQLite BEGIN IMMEDIATE holds the database's write lock; on PostgreSQL the version's primary
    /// key refuses a concurrent twin, and the save is read again), so no other writer can save between check and write. A definition without an id gets a new one, written back.
    /// </summary>
    public async Task<WorkflowVersion> SaveAsync(WorkflowDefinition definition, string? comment, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(definition.Name))
            throw new ArgumentException("The workflow needs a name (field 'name').", nameof(definition));
        if (definition.Id == Guid.Empty)
            definition.Id = Guid.NewGuid();

        var json = WorkflowJson.Serialize(definition);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveOnceAsync(definition, json, comment, expected, cancellationToken);
            }
            // On PostgreSQL another instance may append the same version number between our read and our insert (the
            // primary key refuses the second): read again, so the expected-version check sees the other save.
            catch (DbUpdateException) when (attempt < MaxSaveAttempts)
            {
            }
        }
    }

    private const int MaxSaveAttempts = 3;

    private async Task<WorkflowVersion> SaveOnceAsync(WorkflowDefinition definition, string json, string? comment, ExpectedVersion expected,
        CancellationToken cancellationToken)
    {
        var id = Id(definition.Id);
        var now = Time(DateTimeOffset.UtcNow);

        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var workflow = await db.Workflows.AsTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (!expected.IsMetBy(workflow?.LatestVersion))
            throw new WorkflowVersionConflictException(definition.Id, expected, workflow?.LatestVersion);
        if (workflow is null)
        {
            workflow = new WorkflowEntity { Id = id, CreatedAt = now };
            db.Workflows.Add(workflow);
        }
        var latest = await db.WorkflowVersions.Where(v => v.WorkflowId == id).MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
        var version = new WorkflowVersionEntity
        {
            WorkflowId = id,
            Version = latest + 1,
            Definition = json,
            NodeCount = definition.Nodes.Count,
            Comment = comment,
            CreatedAt = now,
        };
        db.WorkflowVersions.Add(version);
        workflow.Name = definition.Name;
        workflow.Description = definition.Description;
        workflow.LatestVersion = version.Version;
        workflow.UpdatedAt = now;

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return version.ToRecord();
    }

    /// <summary>
    /// Deletes the workflow and its versions when it meets <paramref name="expected"/>: one DELETE whose WHERE holds the
    /// version check. Its executions stay in the history (they carry the workflow name).
    /// </summary>
    public async Task<bool> DeleteAsync(Guid workflowId, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        var id = Id(workflowId);
        var version = expected.Latest;
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Workflows.Where(w => w.Id == id && (version == null || w.LatestVersion == version)).ExecuteDeleteAsync(cancellationToken) > 0;
        if (deleted || version is null) return deleted;
        var current = await db.Workflows.Where(w => w.Id == id).Select(w => (int?)w.LatestVersion).FirstOrDefaultAsync(cancellationToken);
        return current is null ? false : throw new WorkflowVersionConflictException(workflowId, expected, current);
    }
}
