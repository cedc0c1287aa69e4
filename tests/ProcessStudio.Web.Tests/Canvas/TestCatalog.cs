using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Nodes;
using ProcessStudio.Engine.Validation;

namespace ProcessStudio.Web.Tests.Canvas;

/// <summary>A small node catalog (trigger, action, two-way branch) so designer tests do not depend on the engine's palette.</summary>
internal sealed class TestCatalog : INodeCatalog
{
    public static readonly NodeDescriptor Trigger = new()
    {
        Type = "manual", DisplayName = "Manual", Category = NodeCategory.Trigger, Description = "Starts a run.", Inputs = [],
    };
    public static readonly NodeDescriptor Action = new()
    {
        Type = "log", DisplayName = "Log", Category = NodeCategory.Action, Description = "Writes a line.",
        Settings = [new SettingDescriptor("level", "Level", SettingKind.Select) { Default = "info", Options = ["info", "error"] }],
    };
    public static readonly NodeDescriptor Branch = new()
    {
        Type = "if", DisplayName = "If", Category = NodeCategory.Logic, Description = "Branches.",
        Outputs = [new PortDescriptor("true", "True"), new PortDescriptor("false", "False")],
    };

    public IReadOnlyList<NodeDescriptor> All { get; } = [Trigger, Action, Branch];
    public NodeDescriptor? Find(string type) => All.FirstOrDefault(d => d.Type == type);
    public IReadOnlyList<PortDescriptor> OutputPorts(NodeDefinition node) => Find(node.Type)?.Outputs ?? [];
    public IReadOnlyList<PortDescriptor> InputPorts(NodeDefinition node) => Find(node.Type)?.Inputs ?? [];
}

/// <summary>Reports one error per node without a name, enough to see problems flow into the session.</summary>
internal sealed class UnnamedNodeValidator : IWorkflowValidator
{
    public IReadOnlyList<ValidationProblem> Validate(WorkflowDefinition workflow) =>
        workflow.Nodes.Where(n => n.Name.Length == 0).Select(n => new ValidationProblem("name", "Node has no name", n.Id)).ToList();
}
