using System.Collections.Concurrent;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>A /hooks path a workflow's trigger node listens on.</summary>
public sealed record WebhookPathClaim(string Path, string NodeId)
{
    /// <summary>The stored form: normalised and lower case, since paths match without regard to case.</summary>
    public string Key => WebhookPath.Normalize(Path).ToLowerInvariant();
}

/// <summary>
/// Who owns which webhook path, kept where every instance sharing the database sees it: a path owned by one workflow is
/// refused to any other, even when two instances save at the same moment.
/// </summary>
public interface IWebhookPathStore
{
    /// <summary>Makes <paramref name="workflowId"/> own exactly <paramref name="paths"/>; throws <see cref="WebhookPathConflictException"/>
    /// when another workflow owns one of them (nothing changes then).</summary>
    Task ClaimAsync(Guid workflowId, IReadOnlyCollection<WebhookPathClaim> paths, CancellationToken cancellationToken);

    /// <summary>Records paths found in saved workflows that have no owner yet (at start-up); paths owned already stay as they are.</summary>
    Task AdoptAsync(Guid workflowId, IReadOnlyCollection<WebhookPathClaim> paths, CancellationToken cancellationToken);
}

/// <summary>A webhook path was claimed by another workflow, typically just now through another instance.</summary>
public sealed class WebhookPathConflictException(string path, Guid ownerWorkflowId)
    : Exception($"The webhook path '{path}' was just taken by workflow {ownerWorkflowId} (possibly saved on another instance). Choose another path, or reload and try again.")
{
    public string Path { get; } = path;
    public Guid OwnerWorkflowId { get; } = ownerWorkflowId;
}

/// <summary>Path ownership for a host without a database: one process, so a dictionary is the whole truth.</summary>
public sealed class InMemoryWebhookPathStore : IWebhookPathStore
{
    private readonly ConcurrentDictionary<string, Guid> _owners = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public Task ClaimAsync(Guid workflowId, IReadOnlyCollection<WebhookPathClaim> paths, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var claim in paths)
                if (_owners.TryGetValue(claim.Key, out var owner) && owner != workflowId) throw new WebhookPathConflictException(claim.Path, owner);
            foreach (var (path, _) in _owners.Where(o => o.Value == workflowId)) _owners.TryRemove(path, out _);
            foreach (var claim in paths) _owners[claim.Key] = workflowId;
        }
        return Task.CompletedTask;
    }

    public Task AdoptAsync(Guid workflowId, IReadOnlyCollection<WebhookPathClaim> paths, CancellationToken cancellationToken)
    {
        foreach (var claim in paths) _owners.TryAdd(claim.Key, workflowId);
        return Task.CompletedTask;
    }
}
