using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Execution.Resilience;
using ProcessStudio.Engine.Execution.Telemetry;
using ProcessStudio.Engine.Expressions;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>What the run loop hands over to run one activation: the node, its input, its expression scope and the run's tokens.</summary>
public sealed record InvocationRequest(
    Guid ExecutionId,
    WorkflowDefinition Workflow,
    NodeDefinition Node,
    NodeType Type,
    Activation Activation,
    ExpressionScope Scope,
    CancellationToken PauseRequested,
    bool UseRetryPolicy = true,   // false: one attempt, for testing a node of an unsaved workflow
    Func<string, JsonNode?>? KeptValues = null,   // reads the values this activation kept; none when testing a node
    PinnedOutput? Pinned = null)   // a designer test run: this output stands in for running the node
{
    public Func<string, JsonNode?> Kept => KeptValues ?? (static _ => null);
}

/// <summary>
/// Runs one node activation through its resilience pipeline (retries around a per-attempt timeout), recording every
/// attempt, logging and publishing retries and throttled progress. Never throws: failures come back in the result.
/// </summary>
public sealed class NodeInvoker(
    IExpressionEngine expressions,
    NodeResilience resilience,
    EngineEventStream events,
    IOptions<EngineOptions> options,
    TimeProvider clock,
    ILogger<NodeInvoker> logger)
{
    public async Task<ActivationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var tracker = new AttemptTracker(request, events, clock, options.Value.ProgressThrottle, logger);
        var activation = request.Activation;
        var consumed = activation.FinishedBodies.Count;
        var consumedSignals = activation.QueuedSignals.Count;
        var startedAt = clock.GetUtcNow();
        using var scope = logger.BeginScope(new NodeLogScope(request.ExecutionId, request.Node.Id));
        if (request.Pinned is { } pinned)
        {
            tracker.Log(LogLevel.Information, $"Pinned output used on port '{pinned.Port}'; the node did not run (test run).", null);
            return tracker.Result(activation, NodeOutcome.Next(pinned.Output?.DeepClone(), pinned.Port), null, false, startedAt, consumed, consumedSignals) with { Pinned = true };
        }
        try
        {
            var outcome = request.Node.Disabled
                ? NodeOutcome.Next(activation.Input?.DeepClone())   // a disabled node passes its input through
                : await ExecuteWithPolicyAsync(request, tracker, cancellationToken);
            return tracker.Result(activation, outcome, null, false, startedAt, consumed, consumedSignals);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return tracker.Result(activation, null, null, true, startedAt, consumed, consumedSignals);
        }
        catch (Exception error)
        {
            tracker.Failed(error);
            return tracker.Result(activation, null, error, false, startedAt, consumed, consumedSignals);
        }
    }

    private async ValueTask<NodeOutcome> ExecuteWithPolicyAsync(InvocationRequest request, AttemptTracker tracker, CancellationToken cancellationToken)
    {
        var policy = request.UseRetryPolicy
            ? resilience.ForSavedNode(request.Node, request.Workflow.Settings, request.Type.HonoursNodeTimeout)
            : resilience.Build(request.Node, request.Workflow.Settings, request.Type.HonoursNodeTimeout, retry: false);
        tracker.Plan = policy.Plan;
        var context = new NodeContext(tracker.Log, tracker.ReportProgress)
        {
            ExecutionId = request.ExecutionId,
            Workflow = request.Workflow,
            Node = request.Node,
            Input = request.Activation.Input,
            State = request.Activation.NodeState,
            Signal = request.Activation.Signal,
            FinishedBodies = request.Activation.FinishedBodies.Count == 0 ? [] : [.. request.Activation.FinishedBodies],
            QueuedSignals = request.Activation.QueuedSignals.Count == 0 ? [] : [.. request.Activation.QueuedSignals],
            Kept = request.Kept,
            Scope = request.Scope,
            Expressions = expressions,
            PauseRequested = request.PauseRequested,
            Clock = clock,
        };
        if (policy.HasTimeout) return await ThroughPipelineAsync(policy.Pipeline, request.Type, context, tracker, null, cancellationToken);

        // Without a timeout the pipeline only acts once an attempt has failed, so the first attempt runs without it (most
        // succeed, and the pipeline was ≈ 6 % of a cheap step). A failure is handed to the pipeline as the outcome of its
        // first attempt: it decides on retries, delays and logging exactly as if it had run that attempt itself.
        var retries = policy.Plan.MaxRetries > 0;
        if (retries) cancellationToken.ThrowIfCancellationRequested();   // as the retry strategy does before each attempt
        try
        {
            return await AttemptAsync(request.Type, context, tracker, cancellationToken);
        }
        catch (Exception error) when (retries && !cancellationToken.IsCancellationRequested)   // once cancelled, the strategy returns the failure as it is
        {
            return await ThroughPipelineAsync(policy.Pipeline, request.Type, context, tracker, ExceptionDispatchInfo.Capture(error), cancellationToken);
        }
    }

    /// <param name="firstAttemptFailed">The failure of an attempt already made: the pipeline's first attempt rethrows it instead of running the node.</param>
    private static async ValueTask<NodeOutcome> ThroughPipelineAsync(ResiliencePipeline pipeline, NodeType type, NodeContext context, AttemptTracker tracker,
        ExceptionDispatchInfo? firstAttemptFailed, CancellationToken cancellationToken)
    {
        var resilienceContext = ResilienceContextPool.Shared.Get(cancellationToken);
        resilienceContext.Properties.Set(NodeResilience.ObserverKey, tracker);
        try
        {
            return await pipeline.ExecuteAsync(static async (rc, state) =>
            {
                var (type, context, tracker, replay) = state;
                if (replay.Value is { } failed)
                {
                    replay.Value = null;
                    failed.Throw();
                }
                return await AttemptAsync(type, context, tracker, rc.CancellationToken);
            }, resilienceContext, (type, context, tracker, new StrongBox<ExceptionDispatchInfo?>(firstAttemptFailed)));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    private static async ValueTask<NodeOutcome> AttemptAsync(NodeType type, NodeContext context, AttemptTracker tracker, CancellationToken cancellationToken)
    {
        context.Attempt = tracker.BeginAttempt();
        using var span = EngineTracing.StartNodeAttempt(context);
        try
        {
            var outcome = await type.ExecuteAsync(context, cancellationToken);
            tracker.EndAttempt(null);
            return outcome;
        }
        catch (Exception error)
        {
            tracker.EndAttempt(error);
            EngineTracing.Failed(span, error.Message);
            throw;
        }
    }

    /// <summary>Per-activation bookkeeping: attempts, log lines and progress. Callbacks may come from the node's threads.</summary>
    private sealed class AttemptTracker(InvocationRequest request, EngineEventStream events, TimeProvider clock, TimeSpan progressThrottle, ILogger logger)
        : IRetryObserver
    {
        private readonly object _gate = new();
        private readonly List<NodeAttempt> _attempts = [];
        private readonly List<ExecutionLogRecord> _logs = [];
        private DateTimeOffset _attemptStartedAt;
        private NodeProgress? _progress;
        private DateTimeOffset _lastProgressEvent = DateTimeOffset.MinValue;

        /// <summary>The activation's retry policy; none until the pipeline is built (a failure before it is never retried).</summary>
        public RetryPolicyPlan Plan { get; set; } = RetryPolicyPlan.None;

        public int BeginAttempt()
        {
            lock (_gate)
            {
                _attemptStartedAt = clock.GetUtcNow();
                return _attempts.Count + 1;
            }
        }

        public void EndAttempt(Exception? error)
        {
            lock (_gate)
                _attempts.Add(new NodeAttempt(_attempts.Count + 1, _attemptStartedAt, clock.GetUtcNow(), error?.Message,
                    error is null ? null : FailureClassifier.TypeName(error), null));
        }

        public void RetryScheduled(int failedAttempt, int maxAttempts, Exception error, TimeSpan delay)
        {
            var now = clock.GetUtcNow();
            var next = now + delay;
            lock (_gate)
                _attempts[^1] = _attempts[^1] with { Error = error.Message, ErrorDetail = FailureClassifier.TypeName(error), NextAttemptAt = next };
            Log(LogLevel.Warning, $"Attempt {failedAttempt} of {maxAttempts} failed: {error.Message.TrimEnd('.')}; next attempt at {next:HH:mm:ss.fff} UTC.", null);
            events.Publish(new NodeRetryScheduled(request.ExecutionId, now, request.Node.Id, failedAttempt, maxAttempts, error.Message, next));
            events.Publish(new NodeStatusChanged(request.ExecutionId, now, request.Node.Id, request.Activation.RecordId,
                NodeExecutionStatus.Retrying, failedAttempt + 1, maxAttempts, null, null, error.Message, request.Node.Type));
        }

        public void Failed(Exception error)
        {
            int attempts;
            lock (_gate)
            {
                if (_attempts.Count == 0) _attempts.Add(new NodeAttempt(1, _attemptStartedAt, clock.GetUtcNow(), null, null, null));
                _attempts[^1] = _attempts[^1] with { Error = error.Message, ErrorDetail = FailureClassifier.TypeName(error) };   // the pipeline's error (e.g. timeout) is the real cause
                attempts = _attempts.Count;
            }
            // "Attempt n of m" only where attempts were counted down: a failure the policy does not retry says so instead.
            var message = error.Message.TrimEnd('.');
            Log(LogLevel.Error, Plan.Retries(error)
                ? $"Attempt {attempts} of {Plan.MaxAttempts} failed: {message}; no attempts left."
                : $"Failed: {message}; not retried ({NotRetriedBecause(error)}).", null);
        }

        private string NotRetriedBecause(Exception error) => Plan.MaxRetries == 0
            ? $"retry policy '{Plan.Name}' makes one attempt"
            : $"retry policy '{Plan.Name}' retries {string.Join(", ", Plan.RetryOn)} failures, not {FailureClassifier.TypeName(error)}";

        public void Log(LogLevel level, string message, JsonNode? data)
        {
            var record = new ExecutionLogRecord(0, request.ExecutionId, clock.GetUtcNow(), level, message, request.Node.Id, null, data);
            lock (_gate) _logs.Add(record);
            logger.Log(level, "{NodeName}: {Message}", request.Node.Name, message);
            events.Publish(new LogWritten(record));
        }

        public void ReportProgress(NodeProgress progress)
        {
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                _progress = progress;
                var isLast = progress.Fraction >= 1 || progress.Done is { } done && done == progress.Total;
                if (!isLast && now - _lastProgressEvent < progressThrottle) return;
                _lastProgressEvent = now;
            }
            events.Publish(new NodeProgressChanged(request.ExecutionId, now, request.Node.Id, progress));
        }

        public ActivationResult Result(Activation activation, NodeOutcome? outcome, Exception? error, bool cancelled, DateTimeOffset startedAt,
            int consumedBodies, int consumedSignals)
        {
            lock (_gate)
                return new ActivationResult(activation, outcome, error, cancelled, [.. _attempts], _logs.Count == 0 ? [] : [.. _logs], _progress, startedAt,
                    clock.GetUtcNow(), consumedBodies) { ConsumedSignals = consumedSignals };
        }
    }
}
