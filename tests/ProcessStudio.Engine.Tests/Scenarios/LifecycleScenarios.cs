using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Pause, resume (also in a new engine), cancel, breakpoints, stepping, recovery and concurrent commands.</summary>
public abstract class LifecycleScenarios : EngineScenarioBase
{
    private static WorkflowDefinition DelayWorkflow(string duration = "2s") => new WorkflowBuilder("delay")
        .Trigger()
        .Node("before", "set-variables", new { variables = WorkflowBuilder.Vars(("seen", "{{ $input.id }}")) })
        .Node("wait", "delay", new { duration })
        .Node("after", "transform", new { fields = new { seen = "{{ $vars.seen }}" } })
        .Chain("start", "before", "wait", "after")
        .Build();

    private async Task<ExecutionRecord> StartAtDelayAsync(string duration = "2s")
    {
        var run = await StartAsync(DelayWorkflow(duration), new JsonObject { ["id"] = 42 });
        await WaitForNodeAsync(run.Id, "wait", NodeExecutionStatus.Waiting);
        return run;
    }

    [Fact]
    public async Task Pause_mid_delay_keeps_the_time_left_and_resume_completes_the_run()
    {
        var run = await StartAtDelayAsync();

        var paused = await Engine.PauseAsync(run.Id, CancellationToken.None);

        paused.Status.Should().Be(ExecutionStatus.Paused);
        paused.PausedAt.Should().NotBeNull();
        var checkpoint = await Executions.GetCheckpointAsync(run.Id, CancellationToken.None);
        checkpoint!.IsActive.Should().BeTrue();
        var delay = RunState.Deserialize(run.Id, checkpoint.StateJson).Agenda.Single(a => a.NodeId == "wait");
        var remaining = delay.NodeState!["remainingMs"]!.GetValue<double>();
        remaining.Should().BeGreaterThan(0).And.BeLessThan(2000);
        (await NodeRunsAsync(run.Id, "wait")).Single().Status.Should().Be(NodeExecutionStatus.Paused);

        var resumed = await Engine.ResumeAsync(run.Id, CancellationToken.None);
        resumed.Status.Should().Be(ExecutionStatus.Running);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["seen"]!.ToJsonString().Should().Be("42");
        (await NodeRunsAsync(run.Id, "before")).Should().ContainSingle("a committed step never runs again");
        (await NodeRunsAsync(run.Id, "wait")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task A_paused_run_resumes_in_a_new_engine_over_the_same_store()
    {
        var run = await StartAtDelayAsync("1500ms");
        await Engine.PauseAsync(run.Id, CancellationToken.None);

        await RestartHostAsync();
        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Paused);
        await Engine.ResumeAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!["seen"]!.ToJsonString().Should().Be("42");
        (await NodeRunsAsync(run.Id, "before")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_for_each_paused_mid_iteration_resumes_in_a_new_engine_and_collects_every_result()
    {
        var workflow = new WorkflowBuilder("paused-loop")
            .Trigger()
            .Node("each", "for-each", new { items = "$json.items" })
            .Node("wait", "delay", new { duration = "150ms" })
            .Node("shape", "transform", new { fields = new { item = "{{ $item }}", index = "{{ $index }}" } })
            .Connect("start", "each").Connect("each", "wait", "item").Connect("wait", "shape")
            .Build();
        var run = await StartAsync(workflow, new JsonObject { ["items"] = new JsonArray("a", "b", "c") });
        while ((await NodeRunsAsync(run.Id, "wait")).Count < 2) await Task.Delay(5);

        await Engine.PauseAsync(run.Id, CancellationToken.None);
        await RestartHostAsync();
        await Engine.ResumeAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        done.Output!.ToJsonString().Should().Be("""[{"item":"a","index":0},{"item":"b","index":1},{"item":"c","index":2}]""");
        (await NodeRunsAsync(run.Id, "shape")).Should().HaveCount(3);
        (await NodeRunsAsync(run.Id, "each")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task A_run_left_running_by_a_shutdown_is_recovered_from_its_last_checkpoint()
    {
        var run = await StartAtDelayAsync("1500ms");

        await RestartHostAsync();   // shutdown mid-delay: the run stays running in the store
        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Running);
        var recovered = await Engine.RecoverAsync(CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        recovered.Should().Be(1);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        (await NodeRunsAsync(run.Id, "before")).Should().ContainSingle("committed steps are not re-run on recovery");
        (await NodeRunsAsync(run.Id, "after")).Should().ContainSingle();
    }

    [Fact]
    public async Task Cancel_mid_run_interrupts_the_running_node_and_deactivates_the_checkpoint()
    {
        var run = await StartAtDelayAsync("30s");

        var cancelled = await Engine.CancelAsync(run.Id, CancellationToken.None);

        cancelled.Status.Should().Be(ExecutionStatus.Cancelled);
        cancelled.StoppedAt.Should().NotBeNull();
        (await Executions.GetCheckpointAsync(run.Id, CancellationToken.None))!.IsActive.Should().BeFalse();
        (await NodeRunsAsync(run.Id, "wait")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "after")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_paused_run_can_be_cancelled_but_not_paused_again()
    {
        var run = await StartAtDelayAsync();
        await Engine.PauseAsync(run.Id, CancellationToken.None);

        var pauseAgain = () => Engine.PauseAsync(run.Id, CancellationToken.None);
        await pauseAgain.Should().ThrowAsync<InvalidTransitionException>().Where(e => e.Current == ExecutionStatus.Paused);
        (await Engine.CancelAsync(run.Id, CancellationToken.None)).Status.Should().Be(ExecutionStatus.Cancelled);
        var resume = () => Engine.ResumeAsync(run.Id, CancellationToken.None);
        await resume.Should().ThrowAsync<InvalidTransitionException>().Where(e => e.Current == ExecutionStatus.Cancelled);
    }

    [Fact]
    public async Task Resume_refuses_a_checkpoint_it_cannot_continue_and_leaves_the_run_paused()
    {
        var run = await StartAtDelayAsync();
        var paused = await Engine.PauseAsync(run.Id, CancellationToken.None);
        var checkpoint = (await Executions.GetCheckpointAsync(run.Id, CancellationToken.None))!;
        var state = RunState.Deserialize(run.Id, checkpoint.StateJson);
        state.Agenda[0].NodeId = "deleted-node";
        await Executions.CommitStepAsync(new StepCommit
        {
            Execution = paused,
            ExpectedVersion = paused.Version,
            Checkpoint = checkpoint with { Step = checkpoint.Step + 1, StateJson = state.Serialize() },
        }, CancellationToken.None);

        var resume = () => Engine.ResumeAsync(run.Id, CancellationToken.None);

        (await resume.Should().ThrowAsync<CheckpointInvalidException>()).Which.Message.Should().Contain("'deleted-node'");
        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Paused);
    }

    [Fact]
    public async Task Commands_on_a_finished_run_are_refused()
    {
        var run = await RunAsync(DelayWorkflow("1ms"), new JsonObject { ["id"] = 1 });
        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);

        foreach (var command in new Func<Task>[]
                 {
                     () => Engine.PauseAsync(run.Id, CancellationToken.None),
                     () => Engine.ResumeAsync(run.Id, CancellationToken.None),
                     () => Engine.CancelAsync(run.Id, CancellationToken.None),
                     () => Engine.StepAsync(run.Id, CancellationToken.None),
                 })
            await command.Should().ThrowAsync<InvalidTransitionException>().Where(e => e.Current == ExecutionStatus.Completed);
        var unknown = () => Engine.PauseAsync(Guid.NewGuid(), CancellationToken.None);
        await unknown.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Concurrent_resumes_exactly_one_wins()
    {
        var run = await StartAtDelayAsync("1500ms");
        await Engine.PauseAsync(run.Id, CancellationToken.None);

        var attempts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Engine.ResumeAsync(run.Id, CancellationToken.None))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try { await t; return "won"; }
            catch (InvalidTransitionException) { return "refused"; }
        }));

        outcomes.Count(o => o == "won").Should().Be(1);
        outcomes.Count(o => o == "refused").Should().Be(7);
        (await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed)).Status.Should().Be(ExecutionStatus.Completed);
    }

    [Fact]
    public async Task Concurrent_pauses_exactly_one_wins()
    {
        var run = await StartAtDelayAsync("5s");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try { await Engine.PauseAsync(run.Id, CancellationToken.None); return "won"; }
            catch (InvalidTransitionException) { return "refused"; }
        })));

        outcomes.Count(o => o == "won").Should().Be(1);
        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Paused);
        await Engine.CancelAsync(run.Id, CancellationToken.None);
    }

    [Fact]
    public async Task Breakpoint_pauses_before_the_node_and_step_runs_exactly_one_node()
    {
        var workflow = new WorkflowBuilder("debug")
            .Trigger()
            .Node("a", "transform", new { fields = new { v = 1 } })
            .Node("b", "transform", new { fields = new { v = "{{ $json.v + 1 }}" } })
            .Node("c", "transform", new { fields = new { v = "{{ $json.v + 1 }}" } })
            .Node("d", "transform", new { fields = new { v = "{{ $json.v + 1 }}" } })
            .Chain("start", "a", "b", "c", "d")
            .Build();

        var run = await StartAsync(workflow, breakpoints: ["b"]);
        var atBreakpoint = await WaitForStatusAsync(run.Id, ExecutionStatus.Paused, ExecutionStatus.Completed);

        atBreakpoint.Status.Should().Be(ExecutionStatus.Paused);
        (await TraceAsync(run.Id)).Should().Equal("start:Succeeded:out", "a:Succeeded:out");
        var memory = await MemoryAsync(run.Id);
        memory["nodes"]!["a"]!["v"]!.ToJsonString().Should().Be("1");
        memory["pending"]!.AsArray().Select(p => p!["nodeId"]!.GetValue<string>()).Should().Equal("b");

        var stepped = await Engine.StepAsync(run.Id, CancellationToken.None);
        stepped.Status.Should().Be(ExecutionStatus.Paused);
        (await TraceAsync(run.Id)).Should().Equal("start:Succeeded:out", "a:Succeeded:out", "b:Succeeded:out");

        await Engine.ResumeAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Output!["v"]!.ToJsonString().Should().Be("4");
        (await TraceAsync(run.Id)).Should().HaveCount(5);
    }

    [Fact]
    public async Task Resume_continues_past_the_breakpoint_it_stopped_at()
    {
        var workflow = new WorkflowBuilder("debug-resume")
            .Trigger()
            .Node("a", "log", new { message = "a" })
            .Node("b", "log", new { message = "b" })
            .Chain("start", "a", "b")
            .Build();
        var run = await StartAsync(workflow, breakpoints: ["a"]);
        await WaitForStatusAsync(run.Id, ExecutionStatus.Paused);

        await Engine.ResumeAsync(run.Id, CancellationToken.None);

        (await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Paused)).Status.Should().Be(ExecutionStatus.Completed);
        (await TraceAsync(run.Id)).Should().Equal("start:Succeeded:out", "a:Succeeded:out", "b:Succeeded:out");
    }

    [Fact]
    public async Task One_hundred_concurrent_executions_all_complete_correctly()
    {
        var workflow = new WorkflowBuilder("many")
            .Trigger()
            .Node("wait", "delay", new { duration = "5ms" })
            .Node("double", "transform", new { fields = new { value = "{{ $input.n * 2 }}" } })
            .Chain("start", "wait", "double")
            .Build();
        var saved = await Host.Workflows.SaveAsync(workflow, null, CancellationToken.None);

        var started = await Task.WhenAll(Enumerable.Range(0, 100).Select(n => Engine.StartAsync(
            new StartExecutionRequest { WorkflowId = saved.WorkflowId, Input = new JsonObject { ["n"] = n } }, CancellationToken.None)));
        var finished = await Task.WhenAll(started.Select(r => WaitForStatusAsync(r.Id, ExecutionStatus.Completed, ExecutionStatus.Failed)));

        finished.Should().OnlyContain(r => r.Status == ExecutionStatus.Completed);
        finished.Select(r => r.Output!["value"]!.ToJsonString()).Should().Equal(started.Select(s => (s.Input!["n"]!.GetValue<int>() * 2).ToString()));
    }
}

public sealed class InMemoryLifecycleScenarios : LifecycleScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
