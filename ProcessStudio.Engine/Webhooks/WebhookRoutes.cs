using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Cluster;
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
/// first use, then changed inside <see cref="SaveAsync"/> and <see cref="DeleteAsync"/> (which the workflow store
/// decorator routes every write through) and when another instance sharing the database tells it a workflow with
/// webhooks changed. A path can never be given to two workflows: this instance checks and saves under one lock, and the
/// database's path table (<see cref="IWebhookPathStore"/>) refuses a path another instance gave away a moment ago.
/// </summary>
public sealed class WebhookRoutes : IClusterTopicHandler
{
    public const string Topic = "webhooks";

    private readonly IWorkflowStore _store;
    private readonly IWebhookPathStore _paths;
    private readonly IClusterChannel _channel;
    private readonly ILogger<WebhookRoutes> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile ImmutableDictionary<string, WebhookRoute>? _byPath;

    public WebhookRoutes(IWorkflowStore store, IWebhookPathStore paths, IClusterChannel channel, ILogger<WebhookRoutes> logger)
    {
        _store = store;
        _paths = paths;
        _channel = channel;
        _logger = logger;
        // For the life of the process, before the first load: a change made elsewhere meanwhile is either loaded or heard.
        channel.Subscribe(Topic, this);
    }

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
            if (definition.Id == Guid.Empty) definition.Id = Guid.NewGuid();   // the path table needs the owner's id before the save
            var before = Claims(routes, definition.Id);
            var after = Triggers(definition).Select(t => new WebhookPathClaim(t.Settings.Path, t.Node.Id)).ToList();
            var touchesHooks = before.Count > 0 || after.Count > 0;
            if (touchesHooks) await _paths.ClaimAsync(definition.Id, after, ct);
            WorkflowVersion saved;
            try
            {
                saved = await save();
            }
            catch when (touchesHooks)
            {
                await RestoreClaimsAsync(definition.Id, before);
                throw;
            }
            _byPath = Reindexed(routes, saved.WorkflowId, saved);
            if (touchesHooks) await TellOthersAsync(saved.WorkflowId, ct);
            return saved;
        }, cancellationToken);

    public Task<bool> DeleteAsync(Guid workflowId, Func<Task<bool>> delete, CancellationToken cancellationToken) =>
        UnderGateAsync(async ct =>
        {
            var routes = await LoadedAsync(ct);
            var deleted = await delete();
            if (!deleted) return false;
            _byPath = Reindexed(routes, workflowId, latest: null);
            if (Claims(routes, workflowId).Count > 0)
            {
                await _paths.ClaimAsync(workflowId, [], ct);
                await TellOthersAsync(workflowId, ct);
            }
            return true;
        }, cancellationToken);

    /// <summary>Another instance saved or deleted a workflow with webhooks: index its latest version.</summary>
    public Task OnMessageAsync(ClusterMessage message, CancellationToken cancellationToken) =>
        Guid.TryParse(message.Body, out var workflowId)
            ? UnderGateAsync(async ct =>
            {
                if (_byPath is not { } routes) return 0;   // not loaded yet: the first load reads it anyway
                _byPath = Reindexed(routes, workflowId, await _store.GetLatestAsync(workflowId, ct));
                return 0;
            }, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Changes made elsewhere while the channel was down were not heard: load everything again on next use.</summary>
    public Task ResyncAsync(CancellationToken cancellationToken) =>
        UnderGateAsync(_ =>
        {
            _byPath = null;
            return Task.FromResult(0);
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

    private static List<WebhookPathClaim> Claims(ImmutableDictionary<string, WebhookRoute> routes, Guid workflowId) =>
        routes.Where(r => r.Value.WorkflowId == workflowId).Select(r => new WebhookPathClaim(r.Key, r.Value.NodeId)).ToList();

    /// <summary>The save failed after the claim: give the workflow back the paths it had, so none stays claimed for nothing.</summary>
    private async Task RestoreClaimsAsync(Guid workflowId, IReadOnlyCollection<WebhookPathClaim> before)
    {
        try
        {
            await _paths.ClaimAsync(workflowId, before, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Workflow {WorkflowId}: its webhook paths could not be restored after a failed save", workflowId);
        }
    }

    private async Task TellOthersAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        try
        {
            await _channel.PublishAsync(Topic, [workflowId.ToString()], cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The save stands; other instances see the change at their next resync or start, and the path table still guards ownership.
            _logger.LogWarning(ex, "Workflow {WorkflowId}: the other instances could not be told about its webhook paths", workflowId);
        }
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
        foreach (var summary in await _store.ListAsync(null, cancellationToken))
            if (await _store.GetLatestAsync(summary.Id, cancellationToken) is { } latest)
                Add(builder, latest);
        var routes = builder.ToImmutable();
        // Workflows saved before the path table existed: record their paths now.
        foreach (var owned in routes.GroupBy(r => r.Value.WorkflowId))
            await _paths.AdoptAsync(owned.Key, owned.Select(r => new WebhookPathClaim(r.Key, r.Value.NodeId)).ToList(), cancellationToken);
        return _byPath = routes;
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
