using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Persistence.InMemory;

/// <summary>A workflow store in memory with the same versioning as the database: every save is a new version.</summary>
public sealed class InMemoryWorkflowStore(TimeProvider clock) : IWorkflowStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, List<WorkflowVersion>> _versions = [];

    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(string? search, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<WorkflowSummary> result = _versions.Values
                .Select(v => (First: v[0], Latest: v[^1]))
                .Where(v => search is null || v.Latest.Definition.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
                .Select(v => new WorkflowSummary(v.Latest.WorkflowId, v.Latest.Definition.Name, v.Latest.Definition.Description, v.Latest.Version,
                    v.First.CreatedAt, v.Latest.CreatedAt, null, null, v.Latest.Definition.Nodes.Count))
                .OrderBy(s => s.Name)
                .ToList();
            return Task.FromResult(result);
        }
    }

    public Task<WorkflowVersion?> GetLatestAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_versions.TryGetValue(workflowId, out var v) ? Copy(v[^1]) : null);
    }

    public Task<int?> GetLatestVersionNumberAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_versions.TryGetValue(workflowId, out var v) ? v[^1].Version : (int?)null);
    }

    public Task<WorkflowVersion?> GetVersionAsync(Guid workflowId, int version, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult(_versions.TryGetValue(workflowId, out var v) && v.Find(x => x.Version == version) is { } found ? Copy(found) : null);
    }

    public Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<WorkflowVersionInfo> result = _versions.TryGetValue(workflowId, out var v)
                ? v.Select(x => new WorkflowVersionInfo(x.WorkflowId, x.Version, x.CreatedAt, x.Comment, x.Definition.Nodes.Count)).Reverse().ToList()
                : [];
            return Task.FromResult(result);
        }
    }

    public Task<WorkflowVersion> SaveAsync(WorkflowDefinition definition, string? comment, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        if (definition.Id == Guid.Empty) definition.Id = Guid.NewGuid();
        lock (_gate)
        {
            ThrowUnlessMet(definition.Id, expected);
            if (!_versions.TryGetValue(definition.Id, out var versions)) _versions[definition.Id] = versions = [];
            var saved = new WorkflowVersion(definition.Id, versions.Count + 1, Clone(definition), clock.GetUtcNow(), comment);
            versions.Add(saved);
            return Task.FromResult(Copy(saved));
        }
    }

    public Task<bool> DeleteAsync(Guid workflowId, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_versions.ContainsKey(workflowId)) return Task.FromResult(false);
            ThrowUnlessMet(workflowId, expected);
            return Task.FromResult(_versions.Remove(workflowId));
        }
    }

    /// <summary>Called under the lock, so the check and the write that follows are one step.</summary>
    private void ThrowUnlessMet(Guid workflowId, ExpectedVersion expected)
    {
        int? current = _versions.TryGetValue(workflowId, out var versions) ? versions[^1].Version : null;
        if (!expected.IsMetBy(current)) throw new WorkflowVersionConflictException(workflowId, expected, current);
    }

    private static WorkflowVersion Copy(WorkflowVersion version) => version with { Definition = Clone(version.Definition) };

    private static WorkflowDefinition Clone(WorkflowDefinition definition) => WorkflowJson.Deserialize(WorkflowJson.Serialize(definition));
}
