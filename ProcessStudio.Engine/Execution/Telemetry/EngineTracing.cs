using System.Diagnostics;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Execution.Telemetry;

/// <summary>
/// The engine's spans on the "ProcessStudio" <see cref="ActivitySource"/> (BCL only: exporting is the host's choice).
/// A run span covers one worker's drive of an execution; a node attempt span, its child, covers one try of one node.
/// Both carry the execution id, so a trace links straight to the run's page and logs. With no listener, starting a
/// span returns null and costs one check.
/// </summary>
public static class EngineTracing
{
    public const string SourceName = "ProcessStudio";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartRun(ExecutionRecord record)
    {
        var span = Source.StartActivity("workflow.run");
        span?.SetTag("execution.id", record.Id.ToString())
            .SetTag("workflow.id", record.WorkflowId.ToString())
            .SetTag("workflow.version", record.WorkflowVersion);
        return span;
    }

    public static Activity? StartNodeAttempt(NodeContext context)
    {
        var span = Source.StartActivity("node.attempt");
        span?.SetTag("execution.id", context.ExecutionId.ToString())
            .SetTag("node.id", context.Node.Id)
            .SetTag("node.type", context.Node.Type)
            .SetTag("node.attempt", context.Attempt);
        return span;
    }

    /// <summary>Marks a span failed with the error's message; a span without this call ends as unset (success).</summary>
    public static void Failed(Activity? span, string message) => span?.SetStatus(ActivityStatusCode.Error, message);
}
