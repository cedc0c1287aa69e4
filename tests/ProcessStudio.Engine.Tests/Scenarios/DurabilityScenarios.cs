using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>
/// A workflow in <see cref="Durability.AtBoundaries"/> mode commits its steps together at boundaries (waits, pauses,
/// failures, the end) instead of one by one. A finished run looks the same as in everyStep mode; a crash costs the
/// steps since the last checkpoint, which run again (at least once, never lost).
/// </summary>
public abstract class DurabilityScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static WorkflowDefinition Chain(int nodes, Durability durability)
    {
        var builder = new WorkflowBuilder("chain").Trigger().Settings(s =>
        {
            s.Durability = durability;
            s.CheckpointIntervalMs = 60_000;   // only boundaries checkpoint in these scenarios
        });
        var ids = new List<string> { "start" };
        for (var i = 1; i <= nodes; i++)
        {
            builder.Node($"n{i}", "set-variables", new { variables = WorkflowBuilder.Vars(("count", "{{ ($vars.count ?? 0) + 1 }}")) });
            ids.Add($"n{i}");
        }
        return builder.Chain([.. ids]).Build();
    }

    [Fact]
    public async Task A_run_at_boundaries_ends_with_every_record_and_log_but_checkpoints_only_its_boundaries()
    {
        var run = await RunAsync(Chain(20, Durability.AtBoundaries));

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await TraceAsync(run.Id)).Should().Equal(["start:Succeeded:out", .. Enumerable.Range(1, 20).Select(i => $"n{i}:Succeeded:out")]);
        (await MemoryAsync(run.Id))["variables"]!["count"]!.GetValue<int>().Should().Be(20);
        var logs = await Executions.GetLogsAsync(run.Id, new LogQuery(), CancellationToken.None);
        logs.Items.Should().Contain(l => l.Message.StartsWith("Execution completed after 21 node activations"));
        (await Executions.GetCheckpointAtStepAsync(run.Id, 10, CancellationToken.None)).Should().BeNull("steps between boundaries write no checkpoint");
        run.CompletedNodes.Should().Be(21);
    }

    [Fact]
    public async Task A_run_at_boundaries_killed_mid_way_resumes_from_its_last_checkpoint_and_repeats_the_steps_since()
    {
        _server.Script("/count", new Reply(200, """{"ok":true}"""));
        _server.Script("/slow", new Reply(200, "{}", Delay: TimeSpan.FromSeconds(30)), new Reply(200, "{}"));
        var workflow = new WorkflowBuilder("crash").Trigger()
            .Settings(s => { s.Durability = Durability.AtBoundaries; s.CheckpointIntervalMs = 60_000; })
            .Node("notify", "http-request", new { url = _server.Url("/count") })
            .Node("mark", "set-variables", new { variables = WorkflowBuilder.Vars(("marked", "{{ true }}")) })
            .Node("slow", "http-request", new { url = _server.Url("/slow") })
            .Node("done", "set-variables", new { variables = WorkflowBuilder.Vars(("done", "{{ true }}")) })
            .Chain("start", "notify", "mark", "slow", "done")
            .Build();
        workflow.Nodes.Single(n => n.Id == "slow").Policy.RetryPolicy = RetryPolicyNames.None;
        var run = await StartAsync(workflow, new JsonObject { ["order"] = 7 });
        await WaitUntilAsync(() => _server.Hits("/slow") == 1);

        await RestartHostAsync();   // the process dies while 'slow' runs: 'notify' and 'mark' were never committed

        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Running);
        (await Executions.GetNodeExecutionsAsync(run.Id, CancellationToken.None)).Should().BeEmpty("no boundary was reached after the start");
        (await Engine.RecoverAsync(CancellationToken.None)).Should().Be(1);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        _server.Hits("/count").Should().Be(2, "the steps after the last checkpoint run again: at least once, never lost");
        (await TraceAsync(run.Id)).Should().Equal("start:Succeeded:out", "notify:Succeeded:out", "mark:Succeeded:out", "slow:Succeeded:out", "done:Succeeded:out");
        (await MemoryAsync(run.Id))["variables"]!.ToJsonString().Should().Contain("\"marked\":true").And.Contain("\"done\":true");
    }

    [Fact]
    public async Task A_pause_is_a_boundary_so_a_paused_run_at_boundaries_keeps_everything_it_did()
    {
        var workflow = new WorkflowBuilder("pause").Trigger()
            .Settings(s => { s.Durability = Durability.AtBoundaries; s.CheckpointIntervalMs = 60_000; })
            .Node("before", "set-variables", new { variables = WorkflowBuilder.Vars(("seen", "{{ $input.id }}")) })
            .Node("wait", "delay", new { duration = "2s" })
            .Node("after", "transform", new { fields = new { seen = "{{ $vars.seen }}" } })
            .Chain("start", "before", "wait", "after")
            .Build();
        var run = await StartAsync(workflow, new JsonObject { ["id"] = 42 });
        await WaitForNodeAsync(run.Id, "wait", NodeExecutionStatus.Waiting);
        await Engine.PauseAsync(run.Id, CancellationToken.None);

        await RestartHostAsync();
        await Engine.ResumeAsync(run.Id, CancellationToken.None);
        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        (await NodeRunsAsync(run.Id, "before")).Should().ContainSingle("a committed boundary is not repeated");
        (await NodeRunsAsync(run.Id, "after")).Single().Output!["seen"]!.ToJsonString().Should().Be("42");
    }

    [Fact]
    public async Task A_failed_run_at_boundaries_retries_from_the_last_checkpoint_before_the_failed_node()
    {
        _server.Script("/flaky", new Reply(500, "{}"), new Reply(200, """{"ok":true}"""));
        var workflow = new WorkflowBuilder("retry").Trigger()
            .Settings(s => { s.Durability = Durability.AtBoundaries; s.CheckpointIntervalMs = 60_000; })
            .Node("a", "set-variables", new { variables = WorkflowBuilder.Vars(("a", "{{ 1 }}")) })
            .Node("b", "set-variables", new { variables = WorkflowBuilder.Vars(("b", "{{ $vars.a + 1 }}")) })
            .Node("call", "http-request", new { url = _server.Url("/flaky") }, n => n.Policy.RetryPolicy = RetryPolicyNames.None)
            .Chain("start", "a", "b", "call")
            .Build();
        var failed = await RunAsync(workflow);
        failed.Status.Should().Be(ExecutionStatus.Failed);
        (await TraceAsync(failed.Id)).Should().Equal("start:Succeeded:out", "a:Succeeded:out", "b:Succeeded:out", "call:Failed");

        var retry = await Engine.RetryAsync(failed.Id, RetryMode.FromFailedNode, null, CancellationToken.None);
        var done = await WaitForStatusAsync(retry.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        (await TraceAsync(retry.Id)).Should().EndWith("call:Succeeded:out");
        (await MemoryAsync(retry.Id))["variables"]!["b"]!.ToJsonString().Should().Be("2");
    }
}

public sealed class InMemoryDurabilityScenarios : DurabilityScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
