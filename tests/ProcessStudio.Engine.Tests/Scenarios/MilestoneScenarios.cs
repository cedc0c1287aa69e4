using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Milestone: a branch continues only once another branch brought the run to a state, or misses it.</summary>
public abstract class MilestoneScenarios : EngineScenarioBase
{
    [Fact]
    public async Task A_milestone_waits_until_another_branch_reaches_the_state()
    {
        var workflow = new WorkflowBuilder("milestone")
            .Variable("order", "new")
            .Trigger()
            .Node("work", "delay", new { duration = "300ms" })
            .Node("confirm", "set-variables", new { variables = WorkflowBuilder.Vars(("order", "confirmed")) })
            .Node("gate", "milestone", new { condition = "$vars.order == \"confirmed\"" })
            .Node("ship", "transform", new { fields = new { order = "{{ $vars.order }}" } })
            .Chain("start", "work", "confirm").Chain("start", "gate", "ship")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var ship = (await NodeRunsAsync(run.Id, "ship")).Should().ContainSingle().Subject;
        ship.Output!["order"]!.GetValue<string>().Should().Be("confirmed");
        ship.Step.Should().BeGreaterThan((await NodeRunsAsync(run.Id, "confirm")).Single().Step);
    }

    [Fact]
    public async Task A_milestone_not_reached_in_time_continues_on_missed()
    {
        var workflow = new WorkflowBuilder("milestone-missed")
            .Variable("order", "new")
            .Trigger()
            .Node("gate", "milestone", new { condition = "$vars.order == \"confirmed\"", timeout = "300ms" })
            .Node("ship", "log", new { message = "ship" })
            .Node("escalate", "log", new { message = "escalate" })
            .Chain("start", "gate", "ship").Connect("gate", "escalate", "missed")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "escalate")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
        (await NodeRunsAsync(run.Id, "ship")).Should().OnlyContain(r => r.Status == NodeExecutionStatus.Skipped);
    }
}

public sealed class InMemoryMilestoneScenarios : MilestoneScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
