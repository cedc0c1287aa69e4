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
