namespace ProcessStudio.Engine.Nodes.Logic;

/// <summary>
/// Ends the run as completed from any branch: its input becomes the run's output, and every other branch still running
/// or waiting is cancelled (recorded as cancelled). The counterpart of Fail.
/// </summary>
public sealed class EndNode : NodeType
{
    public const string TypeName = "end";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "End",
        Category = NodeCategory.Logic,
        Description = "Completes the run with this node's input as its output; other branches still running are cancelled.",
        Icon = "circle-stop",
        Outputs = [],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken) =>
        Task.FromResult(NodeOutcome.Route(context.Input?.DeepClone(), []).EndingRun());
}
