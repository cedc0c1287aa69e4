using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Ui.Designer;

/// <summary>
/// The data of a workflow's latest run, as the designer uses it: the run's input and each node's input and output, to
/// offer real paths in expression hints, preview expressions against, and pin a node's output from.
/// </summary>
public sealed record RunSample(
    Guid? ExecutionId,
    JsonNode? TriggerInput,
    IReadOnlyDictionary<string, JsonNode?> Inputs,
    IReadOnlyDictionary<string, JsonNode?> Outputs)
{
    public static readonly RunSample None = new(null, null, new Dictionary<string, JsonNode?>(), new Dictionary<string, JsonNode?>());

    /// <summary>Each node's first recorded input and last succeeded output (a loop body's last iteration).</summary>
    public static RunSample From(ExecutionRecord run, IReadOnlyList<NodeExecutionRecord> nodes)
    {
        var ordered = nodes.OrderBy(n => n.Step).ToList();
        var inputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var node in ordered)
        {
            if (node.Input is not null) inputs.TryAdd(node.NodeId, node.Input);
            if (node.Status == NodeExecutionStatus.Succeeded) outputs[node.NodeId] = node.Output;
        }
        return new RunSample(run.Id, run.Input, inputs, outputs);
    }
}

/// <summary>Reads the latest run of a workflow for the designer.</summary>
public sealed class RunSampleLoader(IExecutionStore executions)
{
    public async Task<RunSample> LatestAsync(Guid workflowId, CancellationToken cancellationToken)
    {
        var latest = await executions.QueryAsync(new ExecutionQuery { WorkflowId = workflowId, Limit = 1 }, cancellationToken);
        if (latest.Items.Count == 0) return RunSample.None;
        // The listing leaves out inputs and outputs; the run itself has them.
        var run = await executions.GetAsync(latest.Items[0].Id, cancellationToken);
        if (run is null) return RunSample.None;
        return RunSample.From(run, await executions.GetNodeExecutionsAsync(run.Id, cancellationToken));
    }
}
