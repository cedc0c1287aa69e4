using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Live;
using ProcessStudio.Web.Ui.Pages.Executions;

namespace ProcessStudio.Web.Components.Tests.Executions;

public sealed class RunHeaderTests : ComponentTest
{
    public RunHeaderTests() => AddAuthorization().SetAuthorized("ada").SetPolicies(AccessPolicies.View, AccessPolicies.Operate);

    private IRenderedComponent<RunHeader> RenderHeader(ExecutionViewModel run, Action<RunCommand>? command = null) =>
        Render<RunHeader>(p => p
            .Add(h => h.Run, run)
            .Add(h => h.Now, DateTimeOffset.UtcNow)
            .Add(h => h.Command, c => command?.Invoke(c)));

    private static ExecutionViewModel OneOfFiveDone() =>
        Runs.View(Runs.Line("A", "B", "C", "D", "E"), ExecutionStatus.Running,
            [("n1", NodeExecutionStatus.Succeeded), ("n2", NodeExecutionStatus.Running)]);

    [Fact]
    public void The_progress_bar_fills_to_the_share_of_finished_nodes()
    {
        var cut = RenderHeader(OneOfFiveDone());

        cut.Find(".run-progress-text").TextContent.Should().Contain("20%").And.Contain("1 / 5 nodes");
        var bar = cut.Find("[data-testid=run-progress] .mud-progress-linear-bar");
        bar.GetAttribute("style").Should().Contain("translateX(-80%)");
    }

    [Fact]
    public void A_completed_run_shows_a_full_bar()
    {
        var run = Runs.View(Runs.Line("A", "B"), ExecutionStatus.Completed,
            [("n1", NodeExecutionStatus.Succeeded), ("n2", NodeExecutionStatus.Succeeded)]);
        var cut = RenderHeader(run);
        cut.Find(".run-progress-text").TextContent.Should().Contain("100%").And.Contain("2 / 2 nodes");
    }

    [Fact]
    public void Failed_nodes_are_counted_in_the_progress_text()
    {
        var run = Runs.View(Runs.Line("A", "B", "C"), ExecutionStatus.Failed,
            [("n1", NodeExecutionStatus.Succeeded), ("n2", NodeExecutionStatus.Failed)]);
        RenderHeader(run).Find(".run-progress-text").TextContent.Should().Contain("1 failed");
    }

    [Theory]
    [InlineData(ExecutionStatus.Running, "Pause", true)]
    [InlineData(ExecutionStatus.Running, "Resume", false)]
    [InlineData(ExecutionStatus.Running, "Cancel", true)]
    [InlineData(ExecutionStatus.Running, "Retry", false)]
    [InlineData(ExecutionStatus.Paused, "Resume", true)]
    [InlineData(ExecutionStatus.Paused, "Pause", false)]
    [InlineData(ExecutionStatus.Completed, "Retry", true)]
    [InlineData(ExecutionStatus.Completed, "Cancel", false)]
    [InlineData(ExecutionStatus.Cancelled, "Retry", true)]
    public void Only_the_commands_the_state_allows_are_enabled(ExecutionStatus status, string button, bool enabled)
    {
        var cut = RenderHeader(Runs.View(Runs.Line("A"), status));
        var element = cut.FindAll(".run-actions button").Single(b => b.TextContent.Trim() == button);
        element.HasAttribute("disabled").Should().Be(!enabled);
    }

    [Fact]
    public void Clicking_a_control_sends_its_command()
    {
        var sent = new List<RunCommand>();
        var cut = RenderHeader(Runs.View(Runs.Line("A"), ExecutionStatus.Running), sent.Add);
        cut.FindAll(".run-actions button").Single(b => b.TextContent.Trim() == "Pause").Click();
        sent.Should().Equal(RunCommand.Pause);
    }

    [Fact]
    public void A_viewer_sees_no_run_controls()
    {
        AddAuthorization().SetAuthorized("viewer").SetPolicies(AccessPolicies.View);
        var cut = RenderHeader(Runs.View(Runs.Line("A"), ExecutionStatus.Running));
        cut.FindAll(".run-actions").Should().BeEmpty();
    }

    [Fact]
    public void The_status_chip_names_the_runs_status()
    {
        var cut = RenderHeader(Runs.View(Runs.Line("A"), ExecutionStatus.Paused));
        cut.Find("[data-status]").GetAttribute("data-status").Should().Be("paused");
    }
}
