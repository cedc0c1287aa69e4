namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>Ends the run as failed with a message.</summary>
public sealed class FailNode : NodeType
{
    public const string TypeName = "fail";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Fail",
        Category = NodeCategory.Action,
        Description = "Stops the run as failed with the given message.",
        Icon = "alert-octagon",
        Outputs = [],
        Settings = [new("message", "Message", SettingKind.MultilineText) { Required = true, Placeholder = "Order {{ $json.id }} has no items" }],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken) =>
        throw new NodeFailedException(context.EvaluatedText("message", cancellationToken) ?? "The workflow failed.", "Fail");
}
