using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Lock / Unlock: two branches (or two runs, with a global key) are never inside the section at once.</summary>
public abstract class CriticalSectionScenarios : EngineScenarioBase
{
    [Fact]
    public async Task Two_branches_of_one_run_are_never_inside_the_section_at_once()
    {
        var workflow = new WorkflowBuilder("mutex")
            .Trigger()
            .Section("a").Section("b")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        await AssertNoOverlapAsync([run.Id], "a-work", "b-work");
    }

    [Fact]
    public async Task A_global_key_keeps_two_runs_out_of_each_other_s_section()
    {
        var workflow = new WorkflowBuilder("global-mutex")
            .Trigger()
            .Section("a", scope: "global")
            .Build();

        var first = await StartAsync(workflow);
        var second = await StartAsync(workflow);
        var runs = new[]
        {
            await WaitForStatusAsync(first.Id, ExecutionStatus.Completed, ExecutionStatus.Failed),
            await WaitForStatusAsync(second.Id, ExecutionStatus.Completed, ExecutionStatus.Failed),
        };

        runs.Should().OnlyContain(r => r.Status == ExecutionStatus.Completed);
        await AssertNoOverlapAsync([first.Id, second.Id], "a-work");
    }

    [Fact]
    public async Task A_lock_held_too_long_sends_the_waiting_branch_to_its_timeout_port()
    {
        var workflow = new WorkflowBuilder("lock-timeout")
            .Trigger()
            .Node("hold", "lock", new { key = "k" })
            .Node("long", "delay", new { duration = "1500ms" })
            .Node("release", "unlock", new { key = "k" })
            .Node("wait", "delay", new { duration = "50ms" })
            .Node("try", "lock", new { key = "k", timeout = "300ms" })
            .Node("inside", "log", new { message = "inside" })
            .Node("gave-up", "log", new { message = "gave up" })
            .Chain("start", "hold", "long", "release").Chain("start", "wait", "try", "inside").Connect("try", "gave-up", "timeout")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "gave-up")).Should().ContainSingle();
        (await NodeRunsAsync(run.Id, "inside")).Should().OnlyContain(r => r.Status == NodeExecutionStatus.Skipped);
    }

    [Fact]
    public async Task A_run_that_ends_inside_a_section_releases_it_for_the_next_run()
    {
        var workflow = new WorkflowBuilder("forgot-unlock")
            .Trigger()
            .Node("hold", "lock", new { key = "shared", scope = "global", timeout = "10s" })
            .Node("done", "log", new { message = "inside" })
            .Chain("start", "hold", "done")
            .Build();

        var first = await RunAsync(workflow);
        var second = await RunAsync(workflow);

        first.Status.Should().Be(ExecutionStatus.Completed);
        second.Status.Should().Be(ExecutionStatus.Completed, second.ErrorMessage);
        (await NodeRunsAsync(second.Id, "done")).Should().ContainSingle();
    }

    [Fact]
    public async Task Runs_waiting_for_a_global_key_enter_in_the_order_they_arrived()
    {
        var workflow = new WorkflowBuilder("fifo")
            .Trigger()
            .Node("lock", "lock", new { key = "fifo", scope = "global", timeout = "1m" })
            .Node("inside", "delay", new { duration = "{{ $input.hold }}" })
            .Node("unlock", "unlock", new { key = "fifo", scope = "global" })
            .Chain("start", "lock", "inside", "unlock")
            .Build();
        var holder = await StartAsync(workflow, new System.Text.Json.Nodes.JsonObject { ["hold"] = "2s" });
        await WaitForNodeAsync(holder.Id, "inside", NodeExecutionStatus.Waiting);

        var waiters = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var run = await StartAsync(workflow, new System.Text.Json.Nodes.JsonObject { ["hold"] = "30ms" });
            await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting);   // parked at the Lock: in line
            waiters.Add(run.Id);
        }
        foreach (var run in waiters.Prepend(holder.Id))
            (await WaitForStatusAsync(run, ExecutionStatus.Completed, ExecutionStatus.Failed)).Status.Should().Be(ExecutionStatus.Completed);

        var entered = new List<(Guid Run, DateTimeOffset At)>();
        foreach (var run in waiters) entered.Add((run, (await NodeRunsAsync(run, "inside")).Single().StartedAt));
        entered.OrderBy(e => e.At).Select(e => e.Run).Should().Equal(waiters, "waiters enter first come, first served");
        await AssertNoOverlapAsync([holder.Id, .. waiters], "inside");
    }

    [Fact]
    public async Task Branches_of_one_run_enter_in_the_order_they_reached_the_lock()
    {
        var builder = new WorkflowBuilder("fifo-branches")
            .Trigger()
            .Node("a-lock", "lock", new { key = "k" })
            .Node("a-inside", "delay", new { duration = "1s" })
            .Node("a-unlock", "unlock", new { key = "k" })
            .Chain("start", "a-lock", "a-inside", "a-unlock");
        foreach (var (branch, delay) in new[] { ("b", "190ms"), ("c", "260ms"), ("d", "330ms") })
            builder.Node($"{branch}-before", "delay", new { duration = delay })
                .Node($"{branch}-lock", "lock", new { key = "k" })
                .Node($"{branch}-inside", "log", new { message = branch })
                .Node($"{branch}-unlock", "unlock", new { key = "k" })
                .Chain("start", $"{branch}-before", $"{branch}-lock", $"{branch}-inside", $"{branch}-unlock");
        var workflow = builder.Settings(s => s.MaxConcurrency = 8).Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var order = new List<(string Branch, long Step)>();
        foreach (var branch in new[] { "b", "c", "d" }) order.Add((branch, (await NodeRunsAsync(run.Id, $"{branch}-inside")).Single().Step));
        order.OrderBy(o => o.Step).Select(o => o.Branch).Should().Equal("b", "c", "d");
    }

    /// <summary>No two of the given nodes' executions (in the given runs) overlap in time.</summary>
    private async Task AssertNoOverlapAsync(Guid[] runs, params string[] nodeIds)
    {
        var spans = new List<NodeExecutionRecord>();
        foreach (var run in runs)
            foreach (var nodeId in nodeIds)
                spans.AddRange(await NodeRunsAsync(run, nodeId));
        spans.Should().HaveCount(runs.Length * nodeIds.Length);
        var ordered = spans.OrderBy(s => s.StartedAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
            ordered[i].StartedAt.Should().BeOnOrAfter(ordered[i - 1].FinishedAt!.Value, "the section admits one branch at a time");
    }
}

public sealed class InMemoryCriticalSectionScenarios : CriticalSectionScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}

internal static class SectionBuilder
{
    /// <summary>start → lock → two-step work (a delay, then a log) → unlock: a section that interleaves without the lock.</summary>
    public static WorkflowBuilder Section(this WorkflowBuilder builder, string prefix, string scope = "run") =>
        builder
            .Node($"{prefix}-lock", "lock", new { key = "stock", scope })
            .Node($"{prefix}-work", "delay", new { duration = "150ms" })
            .Node($"{prefix}-after", "log", new { message = "step two" })
            .Node($"{prefix}-unlock", "unlock", new { key = "stock", scope })
            .Chain("start", $"{prefix}-lock", $"{prefix}-work", $"{prefix}-after", $"{prefix}-unlock");
}
