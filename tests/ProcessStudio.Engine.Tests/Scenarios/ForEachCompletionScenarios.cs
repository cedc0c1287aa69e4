using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>For Each that continues before every item ran: completeWhen, minSuccessful, and onRemaining cancel / wait / ignore.</summary>
public abstract class ForEachCompletionScenarios : EngineScenarioBase
{
    [Fact]
    public async Task Complete_when_stops_after_the_first_three_successes()
    {
        var workflow = new WorkflowBuilder("first-three")
            .Trigger()
            .Node("each", "for-each", new { items = "range(10)", completeWhen = "count(filter($results, r => r.ok)) >= 3" })
            .Node("check", "transform", new { fields = new { item = "{{ $item }}", ok = "{{ $item > 1 }}" } })
            .Node("after", "transform", new { fields = new { results = "{{ $json }}" } })
            .Connect("start", "each").Connect("each", "check", "item").Connect("each", "after", "done")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "check")).Should().HaveCount(5, "items 2, 3 and 4 are the first three successes");
        run.Output!["results"]!.AsArray().Select(r => r!["item"]!.GetValue<long>()).Should().Equal(0L, 1L, 2L, 3L, 4L);
    }

    [Fact]
    public async Task Min_successful_with_cancel_continues_after_n_of_m_and_cancels_the_rest()
    {
        var workflow = Parallel("cancel", "[1, 1, 1, 60, 60, 60]", maxParallel: 6);

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var work = await NodeRunsAsync(run.Id, "work");
        work.Count(w => w.Status == NodeExecutionStatus.Succeeded).Should().Be(3);
        work.Count(w => w.Status == NodeExecutionStatus.Cancelled).Should().Be(3);
        run.Output!["results"]!.AsArray().Count(r => r is not null).Should().Be(3);
        (await NodeRunsAsync(run.Id, "each")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task Min_successful_with_wait_lets_the_started_iterations_finish_and_starts_no_more()
    {
        // Two at a time: when the third success arrives one more iteration has started at most, and items 4 to 7 never do.
        var workflow = Parallel("wait", "[1, 1, 1, 1, 1, 1, 1, 1]", maxParallel: 2);

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var work = await NodeRunsAsync(run.Id, "work");
        work.Should().HaveCount(4).And.OnlyContain(w => w.Status == NodeExecutionStatus.Succeeded);
        run.Output!["results"]!.AsArray().Should().HaveCount(4).And.OnlyContain(r => r != null);
    }

    [Fact]
    public async Task Min_successful_with_ignore_continues_at_once_and_the_run_waits_for_the_stragglers()
    {
        var workflow = Parallel("ignore", "[1, 1, 1, 5]", maxParallel: 4);

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var slow = (await NodeRunsAsync(run.Id, "work")).Single(w => w.Input!.GetValue<long>() == 5);
        slow.Status.Should().Be(NodeExecutionStatus.Succeeded);
        (await NodeRunsAsync(run.Id, "after")).Single().Step.Should().BeLessThan(slow.Step);
    }

    /// <summary>A parallel For Each whose items are delays in tenths of a second, completing after 3 successes.</summary>
    private static Model.WorkflowDefinition Parallel(string onRemaining, string items, int maxParallel) =>
        new WorkflowBuilder("n-of-m-" + onRemaining)
            .Trigger()
            .Node("each", "for-each", new { items, mode = "parallel", maxParallel, minSuccessful = 3, onRemaining })
            .Node("work", "delay", new { duration = "{{ $item * 100 }}" })
            .Node("after", "transform", new { fields = new { results = "{{ $json }}" } })
            .Connect("start", "each").Connect("each", "work", "item").Connect("each", "after", "done")
            .Build();
}

public sealed class InMemoryForEachCompletionScenarios : ForEachCompletionScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
