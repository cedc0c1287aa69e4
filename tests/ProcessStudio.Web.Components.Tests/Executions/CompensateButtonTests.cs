using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Components.Tests.Support;
using ProcessStudio.Web.Security;
using ProcessStudio.Web.Ui.Live;
using ProcessStudio.Web.Ui.Pages.Executions;

namespace ProcessStudio.Web.Components.Tests.Executions;

/// <summary>"Compensate" is offered on a failed or cancelled run only while a node that declares a compensating path has completed work to undo.</summary>
public sealed class CompensateButtonTests : ComponentTest
{
    public CompensateButtonTests() => AddAuthorization().SetAuthorized("ada").SetPolicies(AccessPolicies.View, AccessPolicies.Operate);

    private IRenderedComponent<RunHeader> RenderHeader(ExecutionViewModel run, Action<RunCommand>? command = null) =>
        Render<RunHeader>(p => p
            .Add(h => h.Run, run)
            .Add(h => h.Now, DateTimeOffset.UtcNow)
            .Add(h => h.Command, c => command?.Invoke(c)));

    /// <summary>Charge (compensable) → Ship; Charge completed, Ship ended as <paramref name="ship"/>.</summary>
    private static ExecutionViewModel Saga(ExecutionStatus status, NodeExecutionStatus ship = NodeExecutionStatus.Failed, bool compensable = true)
    {
        var workflow = Runs.Line("Charge", "Ship");
        workflow.Nodes[0].Policy.Compensate = compensable;
        return Runs.View(workflow, status, [("n1", NodeExecutionStatus.Succeeded), ("n2", ship)]);
    }

    private static AngleSharp.Dom.IElement? Button(IRenderedComponent<RunHeader> cut) => cut.FindAll("[data-testid=compensate]").SingleOrDefault();

    [Theory]
    [InlineData(ExecutionStatus.Failed)]
    [InlineData(ExecutionStatus.Cancelled)]
    [InlineData(ExecutionStatus.CompensationFailed)]
    public void A_run_that_ended_badly_with_completed_compensable_work_offers_Compensate(ExecutionStatus status)
    {
        var button = Button(RenderHeader(Saga(status)));

        button.Should().NotBeNull();
        button!.HasAttribute("disabled").Should().BeFalse();
    }

    [Theory]
    [InlineData(ExecutionStatus.Completed)]
    [InlineData(ExecutionStatus.Running)]
    [InlineData(ExecutionStatus.Compensated)]
    public void A_completed_running_or_compensated_run_offers_no_Compensate(ExecutionStatus status) =>
        Button(RenderHeader(Saga(status, NodeExecutionStatus.Succeeded))).Should().BeNull();

    [Fact]
    public void A_failed_run_whose_nodes_declare_no_compensating_path_offers_no_Compensate() =>
        Button(RenderHeader(Saga(ExecutionStatus.Failed, compensable: false))).Should().BeNull();

    [Fact]
    public void Once_the_compensable_node_is_compensated_the_button_goes_away()
    {
        var run = Saga(ExecutionStatus.CompensationFailed);
        run.Apply(new NodeStatusChanged(run.Execution.Id, DateTimeOffset.UtcNow, "n1", Guid.NewGuid(), NodeExecutionStatus.Succeeded, 1, 1, 5, "compensate", null)
        {
            Compensation = true,
        });

        run.Nodes["n1"].Compensation.Should().Be(NodeExecutionStatus.Succeeded);
        Button(RenderHeader(run)).Should().BeNull();
    }

    [Fact]
    public void Clicking_Compensate_sends_the_command()
    {
        var sent = new List<RunCommand>();
        Button(RenderHeader(Saga(ExecutionStatus.Failed), sent.Add))!.Click();
        sent.Should().Equal(RunCommand.Compensate);
    }
}
