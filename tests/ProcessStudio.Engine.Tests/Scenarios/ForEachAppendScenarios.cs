using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Items appended to a running For Each by a signal: while it runs, until it is closed, refused, and across a restart.</summary>
public abstract class ForEachAppendScenarios : EngineScenarioBase
{
    private static WorkflowDefinition Feed(string appends, string items, string work = "300ms", string mode = "sequential") =>
        new WorkflowBuilder("feed-" + appends)
            .Trigger()
            .Node("each", "for-each", new { items, mode, appends })
            .Node("work", "delay", new { duration = work })
            .Node("tenfold", "transform", new { fields = new { v = "{{ $item * 10 }}" } })
            .Node("after", "transform", new { fields = new { results = "{{ $json }}" } })
            .Connect("start", "each").Connect("each", "work", "item").Connect("work", "tenfold").Connect("each", "after", "done")
            .Build();

    private Task<ExecutionRecord> AppendAsync(Guid runId, JsonArray? items, bool close = false) =>
        Engine.SignalAsync(runId, "each", new JsonObject { ["items"] = items, ["close"] = close }, CancellationToken.None);

    private static long[] Values(ExecutionRecord run) => [.. run.Output!["results"]!.AsArray().Select(r => r?["v"]?.GetValue<long>() ?? throw new InvalidOperationException(run.Output.ToJsonString()))];

    [Fact]
    public async Task Items_appended_while_it_runs_are_processed_in_order_before_done()
    {
        var run = await StartAsync(Feed("whileRunning", "[1, 2]"));
        await WaitForNodeAsync(run.Id, "work", NodeExecutionStatus.Waiting);

        await AppendAsync(run.Id, [3, 4]);
        await AppendAsync(run.Id, [5]);

        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        Values(done).Should().Equal(10L, 20L, 30L, 40L, 50L);
        (await NodeRunsAsync(run.Id, "each")).Single().Progress!.Total.Should().Be(5);
    }

    [Fact]
    public async Task Until_closed_it_parks_without_a_worker_after_the_last_item_and_done_waits_for_the_close()
    {
        var run = await StartAsync(Feed("untilClosed", "[1]", work: "10ms"));
        var waiting = await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting, ExecutionStatus.Completed, ExecutionStatus.Failed);
        waiting.Status.Should().Be(ExecutionStatus.Waiting, "every item so far finished and the For Each is still open");

        await AppendAsync(run.Id, [2, 3]);
        await WaitForNodeAsync(run.Id, "tenfold", NodeExecutionStatus.Succeeded);
        (await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting)).Status.Should().Be(ExecutionStatus.Waiting);
        (await NodeRunsAsync(run.Id, "after")).Should().BeEmpty();

        await AppendAsync(run.Id, [4], close: true);

        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        Values(done).Should().Equal(10L, 20L, 30L, 40L);
    }

    [Fact]
    public async Task Appended_items_are_kept_once_each_and_the_evaluated_array_is_not_rewritten()
    {
        var run = await StartAsync(Feed("untilClosed", "[1, 2]", work: "10ms"));
        await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting);

        await AppendAsync(run.Id, [3, 4]);
        await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting);

        var checkpoint = await Executions.GetCheckpointAsync(run.Id, CancellationToken.None);
        var state = RunState.Deserialize(run.Id, checkpoint!.StateJson);
        var each = state.Agenda.Single(a => a.NodeId == "each");
        state.Values[RunState.ValueKey(each, "items")]!.AsArray().Should().HaveCount(2, "appends do not copy the array they follow");
        state.Values[RunState.ValueKey(each, "x2")]!.GetValue<long>().Should().Be(3);
        state.Values[RunState.ValueKey(each, "x3")]!.GetValue<long>().Should().Be(4);
        each.NodeState!["count"]!.GetValue<int>().Should().Be(4);
        await AppendAsync(run.Id, null, close: true);
        Values(await WaitForStatusAsync(run.Id, ExecutionStatus.Completed)).Should().Equal(10L, 20L, 30L, 40L);
    }

    [Fact]
    public async Task An_open_for_each_takes_appends_after_a_restart()
    {
        var run = await StartAsync(Feed("untilClosed", "[1]", work: "10ms"));
        await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting);

        await RestartHostAsync();
        await Engine.RecoverAsync(CancellationToken.None);
        await AppendAsync(run.Id, [2], close: true);

        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        Values(done).Should().Equal(10L, 20L);
    }

    [Fact]
    public async Task Appends_are_refused_when_the_for_each_does_not_take_them_or_has_finished()
    {
        var refusing = await StartAsync(Feed("none", "[1, 2]"));
        await WaitForNodeAsync(refusing.Id, "work", NodeExecutionStatus.Waiting);
        var refused = () => AppendAsync(refusing.Id, [3]);
        await refused.Should().ThrowAsync<InvalidTransitionException>();

        var finished = await RunAsync(Feed("whileRunning", "[1]", work: "10ms"));
        var late = () => AppendAsync(finished.Id, [2]);
        await late.Should().ThrowAsync<InvalidTransitionException>();
        Values(finished).Should().Equal(10L);
    }

    [Fact]
    public async Task A_parallel_for_each_starts_appended_items_at_once_when_it_has_room()
    {
        var run = await StartAsync(Feed("untilClosed", "[1]", work: "1s", mode: "parallel"));
        await WaitForNodeAsync(run.Id, "work", NodeExecutionStatus.Waiting);

        await AppendAsync(run.Id, [2, 3], close: true);

        var done = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Status.Should().Be(ExecutionStatus.Completed, done.ErrorMessage);
        Values(done).Should().Equal(10L, 20L, 30L);
        var works = await NodeRunsAsync(run.Id, "work");
        works.Max(w => w.StartedAt).Should().BeBefore(works.Min(w => w.FinishedAt!.Value), "the appended items ran alongside the first");
    }
}

public sealed class InMemoryForEachAppendScenarios : ForEachAppendScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
