using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Connections.Smtp;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Lifecycle;
using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Execution.Resilience;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.SubWorkflows;
using ProcessStudio.Engine.Execution.Telemetry;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Net;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Nodes.Actions;
using ProcessStudio.Engine.Nodes.Settings;
using ProcessStudio.Engine.Scripting;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Engine.DependencyInjection;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Registers the engine: node catalog (every <see cref="NodeType"/> in this assembly), validator, expression engine,
    /// workflow engine, event stream, the worker pool as a hosted service, and the HTTP client of the HTTP Request node.
    /// The host registers <see cref="Persistence.IWorkflowStore"/> and <see cref="Persistence.IExecutionStore"/>, and
    /// <see cref="IConnectionResolver"/> when connections come from a store (otherwise they are held in memory).
    /// </summary>
    public static IServiceCollection AddProcessStudioEngine(this IServiceCollection services, Action<EngineOptions>? configure = null)
    {
        var options = services.AddOptions<EngineOptions>();
        if (configure is not null) options.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOwnEndpoints, NoOwnEndpoints>();   // a listening host registers its own first
        services.TryAddSingleton<OutboundAddressPolicy>();
        services.TryAddSingleton<PolicyCheckedConnector>();
        services.AddHttpClient(HttpRequestNode.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)   // the node applies its own timeout
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PolicyCheckedConnector>().CreateHandler());
        foreach (var type in typeof(NodeType).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(NodeType)) && !t.IsAbstract))
            services.AddSingleton(typeof(NodeType), type);

        services.TryAddSingleton<ScriptRunner>();

        services.AddOptions<SmtpTransportOptions>();
        services.TryAddSingleton<SmtpConnector>();
        services.TryAddSingleton<SmtpSender>();
        services.TryAddSingleton<SmtpProbe>();
        services.TryAddSingleton<ConnectionType, SmtpConnectionType>();
        services.AddHttpCredentials();
        services.AddDatabaseCredentials();
        services.TryAddSingleton<ConnectionTypeCatalog>();
        services.TryAddSingleton<IConnectionResolver, InMemoryConnectionResolver>();   // hosts with a store register their own first

        services.TryAddSingleton<IExpressionEngine>(sp => new ExpressionEngine(new ExpressionEngineOptions
        {
            MaxBuiltChars = sp.GetRequiredService<IOptions<EngineOptions>>().Value.MaxNodeOutputBytes,
        }));
        services.TryAddSingleton<NodeCatalog>();
        services.TryAddSingleton<INodeCatalog>(sp => sp.GetRequiredService<NodeCatalog>());
        services.TryAddSingleton<SettingsSchemaValidator>();
        services.TryAddSingleton<IWorkflowValidator, WorkflowValidator>();

        services.AddMetrics();
        services.TryAddSingleton<EngineMetrics>();
        services.TryAddSingleton<EngineEventStream>();
        services.TryAddSingleton<IEngineEventStream>(sp => sp.GetRequiredService<EngineEventStream>());
        services.TryAddSingleton<ILiveEventStream, LiveEventStream>();
        services.TryAddSingleton<Cluster.IClusterChannel>(Cluster.SingleInstanceChannel.Instance);   // a shared database registers its own first
        services.TryAddSingleton<Cluster.RunSnapshots>();
        services.AddHostedService<Cluster.ClusterEventPublisher>();
        services.AddHostedService<Cluster.ClusterEventReceiver>();
        services.TryAddSingleton<HttpCircuitBreakers>();
        services.TryAddSingleton<NodeResilience>();
        services.TryAddSingleton<NodeInvoker>();
        services.TryAddSingleton<NodeTester>();
        services.TryAddSingleton(sp => new RunDependencies(
            sp.GetRequiredService<Persistence.IExecutionStore>(),
            sp.GetRequiredService<NodeInvoker>(),
            sp.GetRequiredService<EngineEventStream>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            sp.GetRequiredService<ILogger<ExecutionRun>>()));
        services.TryAddSingleton<RunStateLoader>();
        services.TryAddSingleton<LiveRuns>();
        services.TryAddSingleton<ExecutionCoordinator>();
        services.TryAddSingleton<RunVersionMove>();
        services.TryAddSingleton<RunCommands>();
        services.TryAddSingleton<Execution.Remote.RemoteRunCommands>();
        services.TryAddSingleton<IRunCommandStore>(SingleInstanceRunCommands.Instance);   // a shared store registers its own first
        services.TryAddSingleton<CompensationStart>();
        services.TryAddSingleton<ExecutionQueue>();
        services.TryAddSingleton<IRunLeaseStore>(SingleInstanceLeases.Instance);   // a shared store registers its own first
        services.TryAddSingleton<RunLeases>();
        services.TryAddSingleton<RunLauncher>();
        services.TryAddSingleton<WaitingRuns>();
        services.TryAddSingleton<Execution.RunOptions.RunDeadlines>();
        services.TryAddSingleton<Execution.RunOptions.LockQueue>();
        services.TryAddSingleton<WaitingNodes>();
        services.TryAddSingleton<Approvals>();
        services.TryAddSingleton<WorkflowEngine>();
        services.TryAddSingleton<IWorkflowEngine>(sp => sp.GetRequiredService<WorkflowEngine>());
        services.TryAddSingleton<ISubWorkflowRunner, SubWorkflowRunner>();
        services.TryAddSingleton<ErrorWorkflowStarter>();
        services.TryAddSingleton<ParentWaker>();
        services.TryAddSingleton(new EngineStartGate(open: true));   // a web host registers a closed one first
        services.TryAddSingleton<Persistence.ILockStore, Persistence.InMemory.InMemoryLockStore>();   // hosts with a database register theirs first
        services.AddHostedService<Execution.Locks.LockReleaseListener>();
        services.TryAddSingleton<Persistence.IOutboxStore>(sp => sp.GetRequiredService<Persistence.IExecutionStore>() is Persistence.InMemory.InMemoryExecutionStore memory
            ? memory.Outbox   // the in-memory store writes run events there
            : throw new InvalidOperationException("The execution store writes run events to its outbox: register that store's IOutboxStore."));
        services.AddSingleton<IOutboxHandler, RunReactions>();
        services.TryAddSingleton<Subscriptions.IEventSubscriptionStore, Subscriptions.InMemoryEventSubscriptionStore>();   // hosts with a database register theirs first
        services.TryAddSingleton<Subscriptions.ISubscriptionSecrets, Subscriptions.UnsealedSubscriptionSecrets>();
        services.AddSingleton<IOutboxHandler, Subscriptions.SubscriptionFanOut>();
        services.AddSingleton<IOutboxHandler, Subscriptions.SubscriptionDelivery>();
        services.AddHttpClient(Subscriptions.SubscriptionDelivery.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)   // the delivery applies its own
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PolicyCheckedConnector>().CreateHandler());
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());   // before the workers, so runs that finish at start-up nudge it
        services.AddHostedService<EngineWorkerService>();
        services.AddHostedService<WaitTimerService>();
        services.AddHostedService<RunLeaseService>();
        services.AddHostedService<Execution.Remote.RunCommandListener>();
        return services;
    }

    /// <summary>Adds a node type from outside this assembly (or replaces a built-in one with the same type name).</summary>
    public static IServiceCollection AddNodeType<T>(this IServiceCollection services) where T : NodeType
    {
        services.AddSingleton<NodeType, T>();
        return services;
    }
}
