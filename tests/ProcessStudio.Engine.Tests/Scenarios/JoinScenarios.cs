using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>
/// How joins count arrivals: a loop's exit counts once, a second arrival on a link waits for the next firing (never
/// dropped), and the join modes all / first / n with onRemaining wait, cancel and ignore.
/// </summary>
public abstract class JoinScenarios : EngineScenarioBase
{
    [Fact]
    public async Task A_join_after_a_hand_drawn_loop_fires_once_when_the_loop_exits()
    {
        // Issue #13, defect 1: every pass round the loop used to send a dead path out of the exit that the join counted.
        var workflow = new WorkflowBuilder("loop-join")
            .Variable("n", 0)
            .Trigger("T")
            .Node("A", "set-variables", new { variables = WorkflowBuilder.Vars(("n", "{{ $vars.n + 1 }}")) })
            .Node("W", "delay", new { duration = "200ms" })
            .Node("If", "if", new { condition = "$vars.n < 2" })
            .Node("C", "log", new { message = "side branch" })
            .Node("J", "join", new { mode = "all" })
            .Node("E", "log", new { message = "after" })
            .Chain("T", "A", "W", "If").Connect("If", "A", "true").Connect("If", "J", "false")
            .Chain("T", "C", "J", "E")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var e = (await NodeRunsAsync(run.Id, "E")).Should().ContainSingle().Subject;
        e.Input!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("If", "C");
        (await NodeRunsAsync(run.Id, "A")).Should().HaveCount(2).And.OnlyContain(r => r.Status == NodeExecutionStatus.Succeeded);
        (await TraceAsync(run.Id)).Should().NotContain(t => t.EndsWith(":Skipped"), "a loop that exited is not skipped afterwards");
    }

    [Fact]
    public async Task A_second_arrival_on_the_same_link_is_kept_for_the_next_firing_and_never_dropped()
    {
        // Issue #13, defect 2: M runs twice; the join used to keep only the last arrival and drop m1 without a word.
        var workflow = new WorkflowBuilder("double-arrival")
            .Trigger("T")
            .Node("P1", "transform", new { fields = new { tok = "m1" } })
            .Node("P2", "transform", new { fields = new { tok = "m2" } })
            .Node("W", "delay", new { duration = "300ms" })
            .Node("M", "transform", new { fields = new { tok = "{{ $json.tok }}" } })
            .Node("C", "delay", new { duration = "600ms" })
            .Node("J", "join", new { mode = "all" })
            .Node("E", "log", new { message = "{{ $json.M.tok }}" })
            .Chain("T", "P1", "M").Chain("T", "P2", "W", "M").Chain("M", "J").Chain("T", "C", "J").Chain("J", "E")
            .Build();

        var run = await RunAsync(workflow);

        (await NodeRunsAsync(run.Id, "M")).Should().HaveCount(2);
        var e = (await NodeRunsAsync(run.Id, "E")).Should().ContainSingle().Subject;
        e.Input!["M"]!["tok"]!.GetValue<string>().Should().Be("m1", "the first arrival is used first");
        // Issue #13, defect 3: m2 waits for a second arrival from C that never comes. It is not fired with a missing
        // input, and it does not vanish: the run fails naming the join and both links.
        run.Status.Should().Be(ExecutionStatus.Failed);
        run.ErrorNodeId.Should().Be("J");
        run.ErrorMessage.Should().Contain("Join 'J'").And.Contain("'M'").And.Contain("'C' will not deliver again");
    }

    [Fact]
    public async Task Join_all_after_a_branch_not_taken_fires_once_without_waiting_for_the_run_to_idle()
    {
        var workflow = new WorkflowBuilder("if-join-timing")
            .Trigger()
            .Node("check", "if", new { condition = "false" })
            .Node("yes", "log", new { message = "yes" })
            .Node("fast", "transform", new { fields = new { from = "fast" } })
            .Node("J", "join", new { mode = "all" })
            .Node("after", "log", new { message = "joined" })
            .Node("slow", "delay", new { duration = "400ms" })
            .Connect("start", "check").Connect("check", "yes", "true").Chain("yes", "J")
            .Chain("start", "fast", "J", "after").Chain("start", "slow")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var after = (await NodeRunsAsync(run.Id, "after")).Should().ContainSingle().Subject;
        var slow = (await NodeRunsAsync(run.Id, "slow")).Single();
        after.Step.Should().BeLessThan(slow.Step, "the join fires once the skipped branch can no longer deliver, not when the run idles");
    }

    [Fact]
    public async Task Join_first_with_cancel_is_a_race_the_first_answer_wins_and_the_rest_is_cancelled()
    {
        var workflow = new WorkflowBuilder("race-cancel")
            .Trigger()
            .Node("fast", "transform", new { fields = new { winner = "fast" } })
            .Node("slow", "delay", new { duration = "10s" })
            .Node("slower", "delay", new { duration = "20s" })
            .Node("J", "join", new { mode = "first", onRemaining = "cancel" })
            .Node("after", "transform", new { fields = new { winner = "{{ $json.winner }}" } })
            .Chain("start", "fast", "J", "after").Chain("start", "slow", "J").Chain("start", "slower", "J")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["winner"]!.GetValue<string>().Should().Be("fast");
        (await NodeRunsAsync(run.Id, "slow")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "slower")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "after")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_race_inside_each_for_each_iteration_cancels_its_loser_and_the_loop_finishes()
    {
        var workflow = new WorkflowBuilder("race-per-item")
            .Trigger()
            .Node("each", "for-each", new { items = "[1, 2, 3]", mode = "parallel", maxParallel = 3 })
            .Node("fast", "transform", new { fields = new { item = "{{ $item }}" } })
            .Node("slow", "delay", new { duration = "20s" })
            .Node("J", "join", new { mode = "first", onRemaining = "cancel" })
            .Node("after", "transform", new { fields = new { results = "{{ $json }}" } })
            .Connect("start", "each").Connect("each", "fast", "item").Connect("each", "slow", "item")
            .Chain("fast", "J").Chain("slow", "J").Connect("each", "after", "done")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!["results"]!.AsArray().Select(r => r!["item"]!.GetValue<long>()).Should().Equal(1L, 2L, 3L);
        (await NodeRunsAsync(run.Id, "slow")).Should().HaveCount(3).And.OnlyContain(r => r.Status == NodeExecutionStatus.Cancelled);
    }

    [Fact]
    public async Task Join_n_of_m_fires_with_the_first_n_arrivals_and_cancels_the_rest()
    {
        var workflow = new WorkflowBuilder("two-of-three")
            .Trigger()
            .Node("a", "transform", new { fields = new { v = "a" } })
            .Node("b", "delay", new { duration = "50ms" })
            .Node("c", "delay", new { duration = "10s" })
            .Node("J", "join", new { mode = "n", count = 2, onRemaining = "cancel" })
            .Chain("start", "a", "J").Chain("start", "b", "J").Chain("start", "c", "J")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["v"] = "input" });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("a", "b");
        (await NodeRunsAsync(run.Id, "c")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "J")).Should().ContainSingle();
    }

    [Theory]
    [InlineData("wait", true)]
    [InlineData("ignore", false)]
    public async Task A_blocking_first_join_holds_a_later_arrival_until_the_round_resets(string onRemaining, bool secondAfterSlow)
    {
        // M delivers twice (m1 at once, m2 after 150 ms); the other link delivers once after 500 ms.
        var workflow = new WorkflowBuilder("blocking-" + onRemaining)
            .Trigger("T")
            .Node("P1", "transform", new { fields = new { tok = "m1" } })
            .Node("P2", "transform", new { fields = new { tok = "m2" } })
            .Node("W", "delay", new { duration = "150ms" })
            .Node("M", "transform", new { fields = new { tok = "{{ $json.tok }}" } })
            .Node("slow", "delay", new { duration = "500ms" })
            .Node("J", "join", new { mode = "first", onRemaining })
            .Node("after", "log", new { message = "{{ $json.tok }}" })
            .Chain("T", "P1", "M").Chain("T", "P2", "W", "M").Chain("M", "J").Chain("T", "slow", "J").Chain("J", "after")
            .Build();

        var run = await RunAsync(workflow, new JsonObject { ["tok"] = "slow" });

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var after = await NodeRunsAsync(run.Id, "after");
        after.Select(r => r.Input!["tok"]!.GetValue<string>()).Should().Equal("m1", "m2");
        var slowStep = (await NodeRunsAsync(run.Id, "slow")).Single().Step;
        (after[1].Step > slowStep).Should().Be(secondAfterSlow);
    }

    [Fact]
    public async Task Arrivals_a_join_holds_survive_a_restart()
    {
        var workflow = new WorkflowBuilder("join-restart")
            .Trigger()
            .Node("a", "transform", new { fields = new { from = "a" } })
            .Node("slow", "delay", new { duration = "800ms" })
            .Node("J", "join", new { mode = "all" })
            .Node("E", "log", new { message = "joined" })
            .Chain("start", "a", "J", "E").Chain("start", "slow", "J")
            .Build();

        var started = await StartAsync(workflow);
        await WaitForNodeAsync(started.Id, "a", NodeExecutionStatus.Succeeded);
        await RestartHostAsync();   // shutdown while the join holds a's arrival and waits for slow
        await Engine.RecoverAsync(CancellationToken.None);
        var run = await WaitForStatusAsync(started.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var e = (await NodeRunsAsync(run.Id, "E")).Should().ContainSingle().Subject;
        e.Input!.AsObject().Select(p => p.Key).Should().BeEquivalentTo("a", "slow");
        e.Input!["a"]!["from"]!.GetValue<string>().Should().Be("a");
    }

    [Fact]
    public async Task Join_all_on_a_cycle_through_itself_is_refused_at_save_time()
    {
        var workflow = new WorkflowBuilder("join-cycle")
            .Trigger()
            .Node("J", "join", new { mode = "all" })
            .Node("again", "if", new { condition = "false" })
            .Chain("start", "J", "again").Connect("again", "J", "true")
            .Build();

        var problems = Host.Get<ProcessStudio.Engine.Validation.IWorkflowValidator>().Validate(workflow);

        problems.Should().Contain(p => p.Code == "join.cycle" && p.NodeId == "J" && p.Message.Contains("'again'"));
    }

    [Fact]
    public async Task Join_n_needs_a_count_between_one_and_its_incoming_links()
    {
        var workflow = new WorkflowBuilder("join-count")
            .Trigger()
            .Node("a", "log", new { message = "a" })
            .Node("J", "join", new { mode = "n", count = 3 })
            .Chain("start", "a", "J").Chain("start", "J")
            .Build();

        var problems = Host.Get<ProcessStudio.Engine.Validation.IWorkflowValidator>().Validate(workflow);

        problems.Should().Contain(p => p.Code == "join.count" && p.NodeId == "J" && p.Setting == "count" && p.Message.Contains("2 incoming"));
        await Task.CompletedTask;
    }
}

public sealed class InMemoryJoinScenarios : JoinScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
