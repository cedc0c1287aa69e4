using Bunit;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Ui.Canvas;

namespace ProcessStudio.Web.Canvas.Tests;

/// <summary>What a node card shows: breakpoints and problems in the designer, live state and progress in the run view.</summary>
public sealed class NodeWidgetTests : CanvasTestContext
{
    private static WorkflowDefinition Workflow() => new()
    {
        Id = Guid.NewGuid(),
        Name = "Flow",
        Nodes = [Node("start", "manual", 0, 0), Node("log", "log", 300, 0)],
        Connections = [new Connection("start", "out", "log")],
    };

    [Fact]
    public async Task F9_puts_a_breakpoint_dot_on_the_selected_node_and_F9_again_removes_it()
    {
        var session = Session(Workflow());
        var cut = RenderCanvas(session);

        await cut.InvokeAsync(() => session.Select(["log"]));
        await cut.InvokeAsync(() => session.HandleShortcut("f9"));
        cut.Find("[aria-label='log'] .cnode-breakpoint").Should().NotBeNull();
        cut.FindAll("[aria-label='start'] .cnode-breakpoint").Should().BeEmpty();

        await cut.InvokeAsync(() => session.HandleShortcut("f9"));
        cut.FindAll(".cnode-breakpoint").Should().BeEmpty();
    }

    [Fact]
    public async Task A_node_with_a_validation_error_carries_the_problem_marker_until_fixed()
    {
        var session = Session(Workflow());
        var cut = RenderCanvas(session);

        await cut.InvokeAsync(() => session.UpdateNode("log", "Clear name", n => n.Name = ""));
        var card = cut.Find(".cnode[data-node-id='log']");
        card.ClassList.Should().Contain("has-error");
        card.QuerySelector(".cnode-problem").Should().NotBeNull();

        await cut.InvokeAsync(session.Undo);
        cut.Find(".cnode[data-node-id='log']").ClassList.Should().NotContain("has-error");
    }

    [Fact]
    public void A_node_being_rolled_back_shows_its_compensation_apart_from_its_status()
    {
        var cut = Render<WorkflowCanvas>(p => p
            .Add(c => c.Workflow, Workflow())
            .Add(c => c.ReadOnly, true)
            .Add(c => c.Overlays, new Dictionary<string, NodeOverlay>
            {
                ["start"] = new(NodeExecutionStatus.Succeeded, Compensation: NodeExecutionStatus.Succeeded),
                ["log"] = new(NodeExecutionStatus.Succeeded, Compensation: NodeExecutionStatus.Failed),
            }));

        var start = cut.Find(".cnode[data-node-id='start']");
        start.ClassList.Should().Contain("comp-succeeded").And.Contain("status-succeeded");
        start.QuerySelector(".cnode-compensation")!.TextContent.Trim().Should().Be("Compensated");
        var log = cut.Find(".cnode[data-node-id='log']");
        log.ClassList.Should().Contain("comp-failed");
        log.QuerySelector(".cnode-compensation")!.TextContent.Trim().Should().Be("Compensation failed");
    }

    [Fact]
    public void The_run_view_shows_each_nodes_status_progress_and_the_active_link()
    {
        var workflow = Workflow();
        var cut = Render<WorkflowCanvas>(p => p
            .Add(c => c.Workflow, workflow)
            .Add(c => c.ReadOnly, true)
            .Add(c => c.Overlays, new Dictionary<string, NodeOverlay>
            {
                ["start"] = new(NodeExecutionStatus.Succeeded, DurationMs: 12),
                ["log"] = new(NodeExecutionStatus.Running, Progress: new NodeProgress(Done: 2, Total: 5)),
            })
            .Add(c => c.ActiveConnectionIds, new HashSet<string> { workflow.Connections[0].Id }));

        cut.WaitForAssertion(() => cut.Find("[aria-label='log']").GetAttribute("data-status").Should().Be("running"));
        cut.Find("[aria-label='start']").GetAttribute("data-status").Should().Be("succeeded");
        cut.Find("[aria-label='start'] .cnode-meta").TextContent.Should().Contain("12 ms");
        cut.Find("[aria-label='log'] .cnode-meta").TextContent.Should().Contain("Item 2 of 5");
        cut.Find("[aria-label='log'] .cnode-progress > div").GetAttribute("style").Should().Contain("width:40%");
        cut.Find(".clink-group").ClassList.Should().Contain("active");
        cut.FindAll(".clink-hit[tabindex]").Should().BeEmpty("read-only links are not buttons");
        cut.Instance.Diagram.Nodes.Should().OnlyContain(n => n.Locked, "the run view cannot move nodes");
    }

    [Fact]
    public void A_for_each_waiting_for_its_body_shows_which_item_it_is_on()
    {
        var cut = Render<WorkflowCanvas>(p => p
            .Add(c => c.Workflow, Workflow())
            .Add(c => c.ReadOnly, true)
            .Add(c => c.Overlays, new Dictionary<string, NodeOverlay>
            {
                ["log"] = new(NodeExecutionStatus.Waiting, Progress: new NodeProgress(Done: 3, Total: 10)),
            }));

        cut.WaitForAssertion(() => cut.Find("[aria-label='log']").GetAttribute("data-status").Should().Be("waiting"));
        cut.Find("[aria-label='log'] .cnode-meta").TextContent.Should().Contain("Item 3 of 10");
    }
}
