using Blazor.Diagrams;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Canvas;
using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>The diagram follows the workflow's views: preset geometry, minimal updates, links between the right ports.</summary>
public sealed class DiagramSyncTests
{
    private readonly TestCatalog _catalog = new();
    private readonly BlazorDiagram _diagram = new();

    private CanvasNodeView View(string id, string type, double x, double y, bool selected = false) =>
        CanvasNodeView.Create(new NodeDefinition { Id = id, Type = type, Name = id, Position = new Position(x, y) }, _catalog.Find(type),
            _catalog.Find(type)!.Outputs, _catalog.Find(type)!.Inputs.Count > 0, selected, false, false, false, null);

    private static LinkView Link(string id, string from, string port, string to, bool selected = false) =>
        new(id, from, port, to, WorkflowLinkModel.Describe(from, port, to), false, selected);

    private WorkflowNodeModel Node(string id) => _diagram.Nodes.OfType<WorkflowNodeModel>().Single(n => n.Id == id);

    [Fact]
    public void Nodes_arrive_with_their_size_and_ports_preset_so_the_browser_measures_nothing()
    {
        DiagramSync.Apply(_diagram, [View("start", "manual", 0, 0), View("branch", "if", 300, 100)], []);

        var branch = Node("branch");
        branch.ControlledSize.Should().BeTrue();
        branch.Size!.Width.Should().Be(CanvasGeometry.NodeWidth);
        branch.Ports.Should().OnlyContain(p => p.Initialized);
        branch.Input!.Position.X.Should().Be(300 - WorkflowPortModel.Diameter / 2, "the input sits on the left edge");
        branch.Output("true")!.Position.X.Should().Be(300 + CanvasGeometry.NodeWidth - WorkflowPortModel.Diameter / 2);
        branch.Output("false")!.Position.Y.Should().BeGreaterThan(branch.Output("true")!.Position.Y);
        Node("start").Input.Should().BeNull("a trigger has no input");
    }

    [Fact]
    public void A_link_joins_the_named_output_to_the_target_input()
    {
        DiagramSync.Apply(_diagram, [View("branch", "if", 0, 0), View("log", "log", 300, 0)], [Link("c1", "branch", "false", "log")]);

        var link = _diagram.Links.OfType<WorkflowLinkModel>().Single();
        link.Source.Model.Should().BeSameAs(Node("branch").Output("false"));
        link.Target.Model.Should().BeSameAs(Node("log").Input);
        link.Label.Should().Be("Link from branch false to log");
    }

    [Fact]
    public void A_moved_node_keeps_its_model_and_its_ports_move_with_it()
    {
        DiagramSync.Apply(_diagram, [View("log", "log", 0, 0)], []);
        var model = Node("log");

        DiagramSync.Apply(_diagram, [View("log", "log", 100, 40)], []);

        Node("log").Should().BeSameAs(model);
        model.Position.X.Should().Be(100);
        model.Input!.Position.Should().Match<Blazor.Diagrams.Core.Geometry.Point>(p => p.X == 100 - WorkflowPortModel.Diameter / 2 && p.Y == 40 + model.Size!.Height / 2 - WorkflowPortModel.Diameter / 2);
    }

    [Fact]
    public void Nodes_and_links_gone_from_the_workflow_leave_the_diagram()
    {
        DiagramSync.Apply(_diagram, [View("a", "log", 0, 0), View("b", "log", 300, 0), View("c", "log", 600, 0)],
            [Link("ab", "a", "out", "b"), Link("bc", "b", "out", "c")]);

        DiagramSync.Apply(_diagram, [View("a", "log", 0, 0), View("b", "log", 300, 0)], [Link("ab", "a", "out", "b")]);

        _diagram.Nodes.Select(n => n.Id).Should().BeEquivalentTo(["a", "b"]);
        _diagram.Links.Select(l => l.Id).Should().BeEquivalentTo(["ab"]);
    }

    [Fact]
    public void The_diagram_selection_mirrors_the_views()
    {
        DiagramSync.Apply(_diagram, [View("a", "log", 0, 0, selected: true), View("b", "log", 300, 0)], [Link("ab", "a", "out", "b")]);
        _diagram.GetSelectedModels().Select(m => m.Id).Should().BeEquivalentTo(["a"]);

        DiagramSync.Apply(_diagram, [View("a", "log", 0, 0), View("b", "log", 300, 0)], [Link("ab", "a", "out", "b", selected: true)]);
        _diagram.GetSelectedModels().Select(m => m.Id).Should().BeEquivalentTo(["ab"]);
    }

    [Fact]
    public void A_link_to_a_port_the_node_no_longer_has_is_not_drawn()
    {
        DiagramSync.Apply(_diagram, [View("branch", "if", 0, 0), View("log", "log", 300, 0)], [Link("c1", "branch", "maybe", "log")]);

        _diagram.Links.Should().BeEmpty();
    }

    [Fact]
    public void Read_only_nodes_cannot_be_dragged_or_start_links()
    {
        DiagramSync.Apply(_diagram, [View("log", "log", 0, 0)], [], locked: true);

        Node("log").Locked.Should().BeTrue();
        Node("log").Ports.Should().OnlyContain(p => p.Locked);
    }
}
