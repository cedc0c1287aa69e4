using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Engine.Execution.Resilience;

/// <summary>
/// Builds the Polly pipeline (retry around a per-attempt timeout) for a node activation. Retries report to the
/// activation's <see cref="IRetryObserver"/>, so every attempt is recorded, logged and published.
/// </summary>
public sealed class NodeResilience(IOptions<EngineOptions> options)
{
    public static readonly ResiliencePropertyKey<IRetryObserver> ObserverKey = new("ProcessStudio.RetryObserver");

    /// <summary>Pipelines of saved workflow versions, whose node definitions are shared and never change; building one per step would dominate cheap nodes.</summary>
    private readonly ConditionalWeakTable<NodeDefinition, NodePipeline> _cache = new();

    /// <summary>The cached pipeline of a node of a saved (immutable) workflow version.</summary>
    public NodePipeline ForSavedNode(NodeDefinition node, WorkflowSettings settings, bool honoursTimeout) =>
        _cache.TryGetValue(node, out var cached) ? cached : BuildAndCache(node, settings, honoursTimeout);

    // Its own method: a lambda capturing the parameters in ForSavedNode would allocate its closure on every call, cache hit or not.
    private NodePipeline BuildAndCache(NodeDefinition node, WorkflowSettings settings, bool honoursTimeout) =>
        _cache.GetValue(node, n => Build(n, settings, honoursTimeout));

    /// <param name="retry">False runs a single attempt (testing a node in the designer).</param>
    public NodePipeline Build(NodeDefinition node, WorkflowSettings settings, bool honoursTimeout, bool retry = true)
    {
        var plan = retry ? RetryPolicyPlan.For(node.Policy, settings) : RetryPolicyPlan.None;
        var builder = new ResiliencePipelineBuilder();
        if (plan.MaxRetries > 0)
            builder.AddRetry(RetryOptions(plan));

        var timeoutMs = node.Policy.TimeoutMs ?? settings.NodeTimeoutMs;
        var hasTimeout = honoursTimeout && timeoutMs is > 0;
        if (hasTimeout)
            builder.AddTimeout(TimeSpan.FromMilliseconds(timeoutMs!.Value));
        return new NodePipeline(builder.Build(), plan, hasTimeout);
    }

    private RetryStrategyOptions RetryOptions(RetryPolicyPlan plan)
    {
        var scale = options.Value.RetryDelayScale;
        return new RetryStrategyOptions
        {
            MaxRetryAttempts = plan.MaxRetries,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } error && !IsRunCancellation(error, args.Context.CancellationToken) && plan.Retries(error)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(plan.Delay(args.AttemptNumber) * scale),
            OnRetry = args =>
            {
                if (args.Context.Properties.TryGetValue(ObserverKey, out var observer))
                    observer.RetryScheduled(args.AttemptNumber + 1, plan.MaxAttempts, args.Outcome.Exception!, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        };
    }

    private static bool IsRunCancellation(Exception error, CancellationToken token) =>
        error is OperationCanceledException && token.IsCancellationRequested;
}

/// <summary>A node's pipeline, the retry plan it follows, and whether each attempt runs under a timeout.</summary>
public sealed record NodePipeline(ResiliencePipeline Pipeline, RetryPolicyPlan Plan, bool HasTimeout);

/// <summary>Told when an attempt failed and another is scheduled.</summary>
public interface IRetryObserver
{
    void RetryScheduled(int failedAttempt, int maxAttempts, Exception error, TimeSpan delay);
}
