using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>Builds workflow definitions for scenarios, laying nodes out left to right.</summary>
public sealed class WorkflowBuilder(string name)
{
    private const double ColumnWidth = 260;
    private const double RowHeight = 140;
    private readonly WorkflowDefinition _workflow = new() { Id = Guid.NewGuid(), Name = name };

    /// <summary>Adds a node; <paramref name="column"/>/<paramref name="row"/> place it on a grid.</summary>
    public WorkflowBuilder Node(string id, string type, string name, int column, int row = 0, JsonObject? settings = null,
        Action<NodePolicy>? policy = null)
    {
        var node = new NodeDefinition
        {
            Id = id,
            Type = type,
            Name = name,
            Position = new Position(80 + column * ColumnWidth, 80 + row * RowHeight),
            Settings = settings ?? new JsonObject(),
        };
        policy?.Invoke(node.Policy);
        _workflow.Nodes.Add(node);
        return this;
    }

    public WorkflowBuilder Connect(string sourceNodeId, string targetNodeId, string sourcePort = "out")
    {
        _workflow.Connections.Add(new Connection(sourceNodeId, sourcePort, targetNodeId));
        return this;
    }

    public WorkflowDefinition Build() => _workflow;
}
