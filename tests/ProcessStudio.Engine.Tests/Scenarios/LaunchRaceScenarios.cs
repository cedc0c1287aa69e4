using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence.InMemory;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Commands that arrive while a worker is bringing a run live (it moved the run to running and loads its checkpoint).</summary>
public sealed class LaunchRaceScenarios : EngineScenarioBase
{
    private readonly LoadGatedExecutionStore _executions;
    private readonly StoreSet _stores;

    public LaunchRaceScenarios()
    {
        var inner = new InMemoryExecutionStore();
        _executions = new LoadGatedExecutionStore(inner);
        _stores = new StoreSet(StoreSet.InMemory().Workflows, _executions, inner.Outbox);
    }

    protected override StoreSet OpenStores() => _stores;

    private static WorkflowDefinition DelayWorkflow() => new WorkflowBuilder("launch-race")
        .Trigger()
        .Node("before", "set-variables", new { variables = WorkflowBuilder.Vars(("seen", "{{ $input.id }}")) })
        .Node("wait", "delay", new { duration = "1500ms" })
        .Node("after", "transform", new { fields = new { seen = "{{ $vars.seen }}" } })
        .Chain("start", "before", "wait", "after")
        .Build();

    [Fact]
    public async Task A_pause_sent_while_a_worker_launches_the_run_pauses_that_run_and_a_resume_completes_it()
    {
        var run = await StartAsync(DelayWorkflow(), new JsonObject { ["id"] = 7 });
        await _executions.LoadEntered;

        var pause = Task.Run(() => Engine.PauseAsync(run.Id, CancellationToken.None));
        await Task.WhenAny(pause, Task.Delay(200));
        pause.IsCompleted.Should().BeFalse("the worker already read the running record, so the pause must reach the run it brings live");
        _executions.ReleaseLoad();

        (await pause).Status.Should().Be(ExecutionStatus.Paused);
        (await Engine.ResumeAsync(run.Id, CancellationToken.None)).Status.Should().Be(ExecutionStatus.Running);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["seen"]!.ToJsonString().Should().Be("7");
        (await NodeRunsAsync(run.Id, "before")).Should().ContainSingle("a committed step never runs again");
    }
}
