using System.Diagnostics.Metrics;
using System.Text.Json;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;

namespace ProcessStudio.Engine.Execution.Telemetry;

/// <summary>
/// The engine's instruments on the "ProcessStudio" meter. Fed synchronously by <see cref="Events.EngineEventStream"/>
/// with every event it publishes, so no event is lost to coalescing and recording costs one counter add per state change.
/// Tags stay low-cardinality: workflow ids (one series per workflow), node type names and statuses; never execution ids.
/// </summary>
public sealed class EngineMetrics
{
    public const string MeterName = "ProcessStudio";

    private readonly Counter<long> _started;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _compensated;
    private readonly Counter<long> _compensationFailed;
    private readonly Histogram<double> _executionDuration;
    private readonly Histogram<double> _nodeDuration;

    public EngineMetrics(IMeterFactory meterFactory, ExecutionQueue queue, LiveRuns live)
    {
        var meter = meterFactory.Create(MeterName);
        _started = meter.CreateCounter<long>("processstudio.executions.started", "{execution}", "Executions created and queued (retries are new executions).");
        _completed = meter.CreateCounter<long>("processstudio.executions.completed", "{execution}", "Executions that finished successfully.");
        _failed = meter.CreateCounter<long>("processstudio.executions.failed", "{execution}", "Executions that finished with an error.");
        _cancelled = meter.CreateCounter<long>("processstudio.executions.cancelled", "{execution}", "Executions cancelled before they finished.");
        _compensated = meter.CreateCounter<long>("processstudio.executions.compensated", "{execution}",
            "Executions that failed or were cancelled and whose completed work was undone by their rollback.");
        _compensationFailed = meter.CreateCounter<long>("processstudio.executions.compensation_failed", "{execution}",
            "Executions whose rollback failed: their failure is not handled and needs attention.");
        _executionDuration = meter.CreateHistogram<double>("processstudio.execution.duration", "ms", "Wall time from start to finish of finished executions.");
        _nodeDuration = meter.CreateHistogram<double>("processstudio.node.duration", "ms", "Duration of finished node executions, all attempts included.");
        meter.CreateObservableGauge("processstudio.queue.depth", () => queue.Depth, "{execution}", "Run requests waiting for a free worker.");
        meter.CreateObservableGauge("processstudio.executions.running", () => live.Count, "{execution}", "Executions a worker is driving right now.");
    }

    public void Record(EngineEvent engineEvent)
    {
        switch (engineEvent)
        {
            case ExecutionStatusChanged change:
                RecordExecution(change);
                break;
            case NodeStatusChanged { DurationMs: { } durationMs, Status: NodeExecutionStatus.Succeeded or NodeExecutionStatus.Failed } node
                when _nodeDuration.Enabled:   // tags cost allocations on every node step; build them only when someone listens
                _nodeDuration.Record(durationMs,
                    new KeyValuePair<string, object?>("node.type", node.NodeType ?? "unknown"),
                    new KeyValuePair<string, object?>("node.status", StatusTag(node.Status)));
                break;
        }
    }

    private void RecordExecution(ExecutionStatusChanged change)
    {
        var counter = change.Status switch
        {
            ExecutionStatus.Pending => _started,   // published once, when the execution is created
            ExecutionStatus.Completed => _completed,
            ExecutionStatus.Failed => _failed,
            ExecutionStatus.Cancelled => _cancelled,
            ExecutionStatus.Compensated => _compensated,
            ExecutionStatus.CompensationFailed => _compensationFailed,
            _ => null,
        };
        if (counter is null) return;   // a running run publishes its status after every step: nothing to count then
        var workflow = new KeyValuePair<string, object?>("workflow.id", change.WorkflowId.ToString());
        counter.Add(1, workflow);
        if (change.Status.IsFinished() && change is { StartedAt: { } started, StoppedAt: { } stopped })
            _executionDuration.Record((stopped - started).TotalMilliseconds, workflow,
                new KeyValuePair<string, object?>("execution.status", StatusTag(change.Status)));
    }

    /// <summary>The status as the API spells it: "failed", "compensationFailed".</summary>
    private static string StatusTag<TStatus>(TStatus status) where TStatus : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
