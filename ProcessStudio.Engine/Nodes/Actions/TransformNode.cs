namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>Builds a new object whose fields are expressions or templates over the run memory.</summary>
public sealed class TransformNode : NodeType
{
    public const string TypeName = "transform";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "Transform",
        Category = NodeCategory.Action,
        Description = "Builds an object from expressions: each field holds a value or a {{ }} template; nested objects and arrays are allowed.",
        Icon = "transform",
        Settings =
        [
            new("fields", "Fields", SettingKind.Json)
            {
                Required = true,
                Placeholder = "{ \"fullName\": \"{{ $json.first }} {{ $json.last }}\", \"total\": \"{{ $json.price * $json.qty }}\" }",
            },
        ],
    };

    public override Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken) =>
        Task.FromResult(NodeOutcome.Next(context.Evaluated("fields", cancellationToken)));
}
