using System.Collections.Immutable;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes.Triggers;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>A callable webhook: the latest workflow version holding the enabled trigger, and the trigger's settings.</summary>
public sealed record WebhookRoute(Guid WorkflowId, int Version, string WorkflowName, string NodeId, string NodeName, WebhookTriggerSettings Settings);

/// <summary>
/// Which workflow answers which /hooks path, taken from the latest version of every workflow. Loaded from the store on
/// first use, then changed only inside <see cref="SaveAsync"/> and <see cref="DeleteAsync"/>, which the workflow store
/// decorator routes every write through: the index is never stale for writes made by this process, and a path can
/// never be given to two workflows because the check and the save happen under one lock.
/// </summary>
public sealed class WebhookRoutes(IWorkflowStore store)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile ImmutableDictionary<string, WebhookRoute>? _byPath;

    public async Task<WebhookRoute?> FindAsync(string path, CancellationToken cancellationToken)
    {
        var routes = _byPath ?? await UnderGateAsync(LoadedAsync, cancellationToken);
        return routes.GetValueOrDefault(WebhookPath.Normalize(path));
    }

    /// <summary>Refuses a definition whose webhook path another workflow owns; otherwise saves it and indexes its paths.</summary>
    public Task<WorkflowVersion> SaveAsync(WorkflowDefinition definition, Func<Task<WorkflowVersion>> save, CancellationToken cancellationToken) =>
        UnderGateAsync(async ct =>
        {
            var routes = await LoadedAsync(ct);
            var problems = Conflicts(routes, definition).ToList();
            if (problems.Count > 0) throw new WorkflowInvalidException(problems);
            var saved = await save();
            _byPath = Reindexed(routes, saved.WorkflowId, saved);
            return saved;
        }, cancellationToken);

    public Task<bool> DeleteAsync(Guid workflowId, Func<Task<bool>> delete, CancellationToken cancellationToken) =>
        UnderGateAsync(async ct =>
        {
            var routes = await LoadedAsync(ct);
            var deleted = await delete();
            if (deleted) _byPath = Reindexed(routes, workflowId, latest: null);
            return deleted;
        }, cancellationToken);

    /// <summary>The enabled webhook triggers of a definition with their settings.</summary>
    public static IEnumerable<(NodeDefinition Node, WebhookTriggerSettings Settings)> Triggers(WorkflowDefinition definition) =>
        definition.Nodes
            .Where(n => n.Type == WebhookTrigger.TypeName && !n.Disabled)
            .Select(n => (n, WebhookTriggerSettings.From(n)))
            .Where(t => t.Item2.Path.Length > 0);

    private static IEnumerable<ValidationProblem> Conflicts(ImmutableDictionary<string, WebhookRoute> routes, WorkflowDefinition definition)
    {
        foreach (var (node, settings) in Triggers(definition))
            if (routes.TryGetValue(settings.Path, out var owner) && owner.WorkflowId != definition.Id)
                yield return new("webhook.path-taken",
                    $"Node '{node.Name}': the path '{settings.Path}' is already used by workflow '{owner.WorkflowName}' (node '{owner.NodeName}').",
                    node.Id, "path");
    }

    private static ImmutableDictionary<string, WebhookRoute> Reindexed(ImmutableDictionary<string, WebhookRoute> routes, Guid workflowId,
        WorkflowVersion? latest)
    {
        var builder = routes.ToBuilder();
        foreach (var (path, _) in routes.Where(r => r.Value.WorkflowId == workflowId)) builder.Remove(path);
        if (latest is not null) Add(builder, latest);
        return builder.ToImmutable();
    }

    private static void Add(ImmutableDictionary<string, WebhookRoute>.Builder builder, WorkflowVersion latest)
    {
        foreach (var (node, settings) in Triggers(latest.Definition))
            builder.TryAdd(settings.Path, new WebhookRoute(latest.WorkflowId, latest.Version, latest.Definition.Name, node.Id, node.Name, settings));
    }

    private async Task<ImmutableDictionary<string, WebhookRoute>> LoadedAsync(CancellationToken cancellationToken)
    {
        if (_byPath is { } loaded) return loaded;
        var builder = ImmutableDictionary.CreateBuilder<string, WebhookRoute>(WebhookPath.Comparer);
        foreach (var summary in await store.ListAsync(null, cancellationToken))
            if (await store.GetLatestAsync(summary.Id, cancellationToken) is { } latest)
                Add(builder, latest);
        return _byPath = builder.ToImmutable();
    }

    private async Task<T> UnderGateAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
