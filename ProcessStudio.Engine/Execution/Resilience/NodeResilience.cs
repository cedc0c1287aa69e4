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
    private readonly ConditionalWeakTable<NodeDefinition, Tuple<ResiliencePipeline, RetryPolicyPlan>> _cache = new();

    /// <summary>The cached pipeline of a node of a saved (immutable) workflow version.</summary>
    public (ResiliencePipeline Pipeline, RetryPolicyPlan Plan) ForSavedNode(NodeDefinition node, WorkflowSettings settings, bool honoursTimeout)
    {
        var entry = _cache.GetValue(node, n => Tuple.Create(Build(n, settings, honoursTimeout).Pipeline, RetryPolicyPlan.For(n.Policy, settings)));
        return (entry.Item1, entry.Item2);
    }

    /// <param name="retry">False runs a single attempt (testing a node in the designer).</param>
    public (ResiliencePipeline Pipeline, RetryPolicyPlan Plan) Build(NodeDefinition node, WorkflowSettings settings, bool honoursTimeout, bool retry = true)
    {
        var plan = retry ? RetryPolicyPlan.For(node.Policy, settings) : RetryPolicyPlan.None;
        var builder = new ResiliencePipelineBuilder();
        if (plan.MaxRetries > 0)
            builder.AddRetry(RetryOptions(plan));

        var timeoutMs = node.Policy.TimeoutMs ?? settings.NodeTimeoutMs;
        if (honoursTimeout && timeoutMs is > 0)
            builder.AddTimeout(TimeSpan.FromMilliseconds(timeoutMs.Value));
        return (builder.Build(), plan);
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

/// <summary>Told when an attempt failed and another is scheduled.</summary>
public interface IRetryObserver
{
    void RetryScheduled(int failedAttempt, int maxAttempts, Exception error, TimeSpan delay);
}
