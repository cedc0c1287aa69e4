using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Live;
using ProcessStudio.Web.Ui.Pages.Executions;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>What the run page shows after a run ends, and that its node count agrees with the executions list.</summary>
public sealed class RunStateDisplayTests : ComponentTest
{
    [Fact]
    public void After_cancel_the_cut_off_node_shows_cancelled_and_the_nodes_after_it_never_ran()
    {
        var run = Runs.View(Runs.Line("Loop", "Wait", "Say done"), ExecutionStatus.Cancelled,
            [("n1", NodeExecutionStatus.Succeeded), ("n2", NodeExecutionStatus.Waiting)]);

        var overlays = OverlayProjection.From(run.Nodes, DateTimeOffset.UtcNow, run.Status);

        overlays["n1"].Status.Should().Be(NodeExecutionStatus.Succeeded);
        overlays["n2"].Status.Should().Be(NodeExecutionStatus.Cancelled);
        overlays["n3"].Status.Should().Be(NodeExecutionStatus.Skipped);
    }

    [Fact]
    public void While_the_run_goes_on_waiting_and_pending_nodes_keep_their_state()
    {
        var run = Runs.View(Runs.Line("Loop", "Wait", "Say done"), ExecutionStatus.Running,
            [("n1", NodeExecutionStatus.Succeeded), ("n2", NodeExecutionStatus.Waiting)]);

        var overlays = OverlayProjection.From(run.Nodes, DateTimeOffset.UtcNow, run.Status);

        overlays["n2"].Status.Should().Be(NodeExecutionStatus.Waiting);
        overlays["n3"].Status.Should().Be(NodeExecutionStatus.Pending);
    }

    [Fact]
    public void The_run_header_counts_nodes_as_the_executions_list_does()
    {
        AddAuthorization().SetAuthorized("ada").SetPolicies(AccessPolicies.View);
        // Five nodes, one branch not taken: the engine records 4 completed of 5, and so must the run page.
        var run = Runs.View(Runs.Line("A", "B", "C", "D", "E"), ExecutionStatus.Completed,
        [
            ("n1", NodeExecutionStatus.Succeeded), ("n2", NodeExecutionStatus.Succeeded), ("n3", NodeExecutionStatus.Succeeded),
            ("n4", NodeExecutionStatus.Skipped), ("n5", NodeExecutionStatus.Succeeded),
        ]);
        run.Execution.TotalNodes = 5;
        run.Execution.CompletedNodes = 4;

        var cut = Render<RunHeader>(p => p.Add(h => h.Run, run).Add(h => h.Now, DateTimeOffset.UtcNow));

        cut.Find(".run-progress-text").TextContent.Should().Contain($"{run.Execution.CompletedNodes} / {run.Execution.TotalNodes} nodes");
    }
}
