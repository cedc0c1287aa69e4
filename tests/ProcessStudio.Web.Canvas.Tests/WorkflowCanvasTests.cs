using Blazor.Diagrams.Core.Events;
using Blazor.Diagrams.Core.Models.Base;
using Bunit;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;
using ProcessStudio.Web.Ui.Designer;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>Gestures on the diagram become designer commands, and designer changes show on the diagram.</summary>
public sealed class WorkflowCanvasTests : CanvasTestContext
{
    private readonly DesignerSession _session = Session(new WorkflowDefinition
    {
        Id = Guid.NewGuid(),
        Name = "Flow",
        Nodes = [Node("start", "manual", 0, 0), Node("branch", "if", 300, 0), Node("log", "log", 600, 0)],
        Connections = [new Connection("start", "out", "branch")],
    });

    private static PointerEventArgs Pointer(double x = 0, double y = 0, bool shift = false) =>
        new(x, y, 0, 1, false, shift, false, 1, 1, 1, 0.5f, 0, 0, "mouse", true);

    private static Task Press(IRenderedComponent<WorkflowCanvas> cut, Model? model, double x = 0, double y = 0, bool shift = false) =>
        cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerDown(model, Pointer(x, y, shift)));

    private static Task Move(IRenderedComponent<WorkflowCanvas> cut, double x, double y) =>
        cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerMove(null, Pointer(x, y)));

    private static Task Release(IRenderedComponent<WorkflowCanvas> cut, Model? model, double x = 0, double y = 0) =>
        cut.InvokeAsync(() => cut.Instance.Diagram.TriggerPointerUp(model, Pointer(x, y)));

    private static WorkflowNodeModel Model(IRenderedComponent<WorkflowCanvas> cut, string id) =>
        cut.Instance.Diagram.Nodes.OfType<WorkflowNodeModel>().Single(n => n.Id == id);

    [Fact]
    public void Every_node_is_drawn_by_our_widget_with_its_ports_and_the_link_between_them()
    {
        var cut = RenderCanvas(_session);

        cut.WaitForAssertion(() => cut.FindAll("[aria-roledescription='node']").Select(n => n.GetAttribute("aria-label"))
            .Should().BeEquivalentTo(["start", "branch", "log"]));
        cut.Find("[aria-label='branch true output']").Should().NotBeNull();
        cut.Find("[aria-label='branch input']").Should().NotBeNull();
        cut.FindAll("[aria-label='start input']").Should().BeEmpty("a trigger has no input");
        cut.Find(".clink-hit").GetAttribute("aria-label").Should().Be("Link from start out to branch");
        cut.Find(".canvas").ClassList.Should().Contain("fitted");
    }

    [Fact]
    public async Task Pressing_a_node_selects_it_in_the_session_and_shift_adds_to_the_selection()
    {
        var cut = RenderCanvas(_session);

        await Press(cut, Model(cut, "branch"));
        await Release(cut, Model(cut, "branch"));
        await Press(cut, Model(cut, "log"), shift: true);
        await Release(cut, Model(cut, "log"));

        _session.SelectedNodeIds.Should().BeEquivalentTo(["branch", "log"]);
        cut.FindAll(".cnode.selected").Select(n => n.GetAttribute("aria-label")).Should().BeEquivalentTo(["branch", "log"]);
        cut.Instance.Diagram.GetSelectedModels().Select(m => m.Id).Should().BeEquivalentTo(["branch", "log"]);
    }

    [Fact]
    public async Task A_dragged_node_lands_on_the_grid_as_one_undoable_move()
    {
        var cut = RenderCanvas(_session);
        var zoom = cut.Instance.Diagram.Zoom;

        await Press(cut, Model(cut, "log"), 10, 10);
        await Move(cut, 10 + 33 * zoom, 10 + 47 * zoom);
        await Release(cut, Model(cut, "log"));

        _session.Workflow.FindNode("log")!.Position.Should().Be(new Position(640, 40), "600 + 33 and 0 + 47 snap to the 20 px grid");
        Model(cut, "log").Position.X.Should().Be(640);
        _session.History.CanUndo.Should().BeTrue();

        _session.Undo();
        Model(cut, "log").Position.X.Should().Be(600);
    }

    [Fact]
    public async Task A_link_dragged_from_an_output_and_dropped_on_a_node_connects_them()
    {
        var cut = RenderCanvas(_session);

        await Press(cut, Model(cut, "branch").Output("false"));
        cut.FindAll(".cnode.valid-target").Select(n => n.GetAttribute("aria-label")).Should().BeEquivalentTo(["log"], "targets light up while linking");
        await Release(cut, Model(cut, "log"));

        _session.Workflow.Connections.Should().ContainSingle(c => c.SourceNodeId == "branch" && c.SourcePort == "false" && c.TargetNodeId == "log");
        cut.FindAll(".cnode.valid-target").Should().BeEmpty();
        cut.Instance.Diagram.Links.OfType<WorkflowLinkModel>().Select(l => l.Label)
            .Should().Contain("Link from branch false to log");
    }

    [Fact]
    public async Task A_link_into_a_trigger_is_refused_with_the_reason_and_nothing_changes()
    {
        var cut = RenderCanvas(_session);

        await Press(cut, Model(cut, "log").Output("out"));
        await Release(cut, Model(cut, "start"));

        _session.Workflow.Connections.Should().HaveCount(1);
        Notices.Should().ContainSingle().Which.Should().Be("Connection refused: A trigger has no input.");
        cut.Instance.Diagram.Links.Should().HaveCount(1, "the dragged preview link is gone");
    }

    [Fact]
    public async Task Pressing_a_link_selects_it_and_deleting_it_in_the_session_removes_it_from_the_diagram()
    {
        var cut = RenderCanvas(_session);
        var link = cut.Instance.Diagram.Links.Single();

        await Press(cut, link);
        _session.SelectedConnectionId.Should().Be(link.Id);
        cut.Find(".clink-group").ClassList.Should().Contain("selected");

        await cut.InvokeAsync(_session.DeleteSelection);
        cut.Instance.Diagram.Links.Should().BeEmpty();
        cut.FindAll(".clink").Should().BeEmpty();
    }

    [Fact]
    public async Task Pressing_the_background_clears_the_selection()
    {
        var cut = RenderCanvas(_session);
        await cut.InvokeAsync(() => _session.Select(["log"]));

        await Press(cut, null);

        _session.SelectedNodeIds.Should().BeEmpty();
        cut.FindAll(".cnode.selected").Should().BeEmpty();
    }

    [Fact]
    public async Task Shift_drag_on_the_background_selects_the_nodes_in_the_box()
    {
        var cut = RenderCanvas(_session);
        var diagram = cut.Instance.Diagram;
        (double X, double Y) Screen(double x, double y) => (x * diagram.Zoom + diagram.Pan.X, y * diagram.Zoom + diagram.Pan.Y);
        var (x1, y1) = Screen(280, -20);
        var (x2, y2) = Screen(900, 200);
        var pan = diagram.Pan;

        await Press(cut, null, x1, y1, shift: true);
        await Move(cut, x2, y2);
        await Release(cut, null, x2, y2);

        _session.SelectedNodeIds.Should().BeEquivalentTo(["branch", "log"]);
        diagram.Pan.Should().Be(pan, "Shift+drag draws a box instead of panning");
    }

    [Fact]
    public async Task Enter_on_an_output_then_on_an_input_connects_with_the_keyboard()
    {
        var cut = RenderCanvas(_session);

        await cut.Find("[aria-label='branch true output']").ClickAsync(new());
        await cut.Find("[aria-label='log input']").ClickAsync(new());

        _session.Workflow.Connections.Should().Contain(c => c.SourceNodeId == "branch" && c.SourcePort == "true" && c.TargetNodeId == "log");
    }

    [Fact]
    public async Task A_click_on_the_minimap_centres_the_view_on_that_world_point_and_keeps_it_there()
    {
        var cut = RenderCanvas(_session);
        cut.WaitForAssertion(() => cut.Find(".canvas").ClassList.Should().Contain("fitted"));
        var diagram = cut.Instance.Diagram;

        await cut.InvokeAsync(() => cut.Instance.MinimapClicked(640, 30));

        // The 1200 x 800 canvas' centre now shows world point (640, 30).
        (640 * diagram.Zoom + diagram.Pan.X).Should().BeApproximately(600, 0.01);
        (30 * diagram.Zoom + diagram.Pan.Y).Should().BeApproximately(400, 0.01);
        var pan = diagram.Pan;
        await cut.InvokeAsync(() => diagram.SetContainer(new Blazor.Diagrams.Core.Geometry.Rectangle(0, 0, 1000, 800)));
        diagram.Pan.Should().Be(pan, "after a jump the view no longer re-fits the workflow when the canvas resizes");
    }
}
