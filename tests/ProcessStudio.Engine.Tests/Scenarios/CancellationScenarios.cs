using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Ending and cancelling part of a run from inside it: End, Cancel (branch, node, group), races against completion.</summary>
public abstract class CancellationScenarios : EngineScenarioBase
{
    [Fact]
    public async Task End_completes_the_run_with_its_input_and_cancels_what_still_runs()
    {
        var workflow = new WorkflowBuilder("end")
            .Trigger()
            .Node("slow", "delay", new { duration = "20s" })
            .Node("after-slow", "log", new { message = "never" })
            .Node("answer", "transform", new { fields = new { answer = 42 } })
            .Node("end", "end")
            .Chain("start", "slow", "after-slow").Chain("start", "answer", "end")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.ToJsonString().Should().Be("""{"answer":42}""");
        (await NodeRunsAsync(run.Id, "slow")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "after-slow")).Should().BeEmpty();
        (await NodeRunsAsync(run.Id, "end")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task End_inside_a_for_each_body_completes_the_whole_run()
    {
        var workflow = new WorkflowBuilder("end-in-loop")
            .Trigger()
            .Node("each", "for-each", new { items = "[1, 2, 3, 4, 5]", mode = "sequential" })
            .Node("found?", "if", new { condition = "$item == 2" })
            .Node("end", "end")
            .Node("after", "log", new { message = "never" })
            .Connect("start", "each").Connect("each", "found?", "item").Connect("found?", "end", "true").Connect("each", "after", "done")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "found?")).Should().HaveCount(2);
        (await NodeRunsAsync(run.Id, "each")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "after")).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancel_branch_stops_the_node_and_everything_after_it_and_the_run_goes_on()
    {
        var workflow = new WorkflowBuilder("timeout-branch")
            .Trigger()
            .Node("fetch", "delay", new { duration = "20s" })
            .Node("use", "log", new { message = "never" })
            .Node("timer", "delay", new { duration = "100ms" })
            .Node("give-up", "cancel", new { target = "branch", node = "fetch" })
            .Node("report", "transform", new { fields = new { timedOut = true } })
            .Chain("start", "fetch", "use").Chain("start", "timer", "give-up", "report")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        run.Output!.ToJsonString().Should().Be("""{"timedOut":true}""");
        (await NodeRunsAsync(run.Id, "fetch")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "use")).Should().BeEmpty();
        var logs = await Executions.GetLogsAsync(run.Id, new Persistence.LogQuery { NodeId = "give-up" }, CancellationToken.None);
        logs.Items.Select(l => l.Message).Should().Contain(m => m.Contains("cancelled the branch from 'fetch'"));
    }

    [Fact]
    public async Task Cancel_node_stops_a_running_for_each_with_its_iterations()
    {
        var workflow = new WorkflowBuilder("cancel-each")
            .Trigger()
            .Node("each", "for-each", new { items = "range(50)", mode = "sequential" })
            .Node("work", "delay", new { duration = "40ms" })
            .Node("after", "log", new { message = "never" })
            .Node("timer", "delay", new { duration = "250ms" })
            .Node("stop", "cancel", new { target = "node", node = "each" })
            .Connect("start", "each").Connect("each", "work", "item").Connect("each", "after", "done").Chain("start", "timer", "stop")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "each")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        var work = await NodeRunsAsync(run.Id, "work");
        work.Count.Should().BeInRange(1, 49);
        work.Count(w => w.Status == NodeExecutionStatus.Cancelled).Should().BeLessThanOrEqualTo(1);
        (await NodeRunsAsync(run.Id, "after")).Should().BeEmpty();
    }

    [Fact]
    public async Task Cancel_group_stops_every_node_of_the_named_region()
    {
        var workflow = new WorkflowBuilder("cancel-group")
            .Trigger()
            .Node("a", "delay", new { duration = "20s" })
            .Node("b", "delay", new { duration = "20s" })
            .Node("outside", "delay", new { duration = "300ms" })
            .Node("timer", "delay", new { duration = "100ms" })
            .Node("stop", "cancel", new { target = "group", group = "Slow work" })
            .Chain("start", "a").Chain("start", "b").Chain("start", "outside").Chain("start", "timer", "stop")
            .Build();
        workflow.Groups = [new NodeGroup { Name = "Slow work", Nodes = ["a", "b"] }];

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        (await NodeRunsAsync(run.Id, "a")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "b")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "outside")).Single().Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task Cancelling_a_group_of_waits_ends_each_cancelled_with_a_finish_time_and_no_timer_left()
    {
        var workflow = new WorkflowBuilder("cancel-waits")
            .Trigger()
            .Node("approve", "wait-for-approval", new { title = "Ship it?", timeout = "1d" })
            .Node("later", "wait-until", new { mode = "duration", duration = "1h" })
            .Node("slow", "delay", new { duration = "20s" })
            .Node("timer", "delay", new { duration = "300ms" })
            .Node("stop", "cancel", new { target = "group", group = "Waits" })
            .Chain("start", "approve").Chain("start", "later").Chain("start", "slow").Chain("start", "timer", "stop")
            .Build();
        workflow.Groups = [new NodeGroup { Name = "Waits", Nodes = ["approve", "later", "slow"] }];

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, "nothing waits any more: the run does not park until the timers");
        run.WakeAt.Should().BeNull();
        foreach (var node in new[] { "approve", "later", "slow" })
        {
            var record = (await NodeRunsAsync(run.Id, node)).Should().ContainSingle().Subject;
            record.Status.Should().Be(NodeExecutionStatus.Cancelled, node);
            record.FinishedAt.Should().NotBeNull(node);
        }
        (await Host.Get<Execution.Approvals>().ListAsync(null, 100, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_race_won_while_the_other_branch_waits_for_an_approval_cancels_the_approval()
    {
        var workflow = new WorkflowBuilder("approval-race")
            .Trigger()
            .Node("approve", "wait-for-approval", new { title = "Manual override?" })
            .Node("auto", "delay", new { duration = "300ms" })
            .Node("J", "join", new { mode = "first", onRemaining = "cancel" })
            .Node("after", "transform", new { fields = new { decided = true } })
            .Connect("start", "approve").Connect("approve", "J", "approved").Chain("start", "auto", "J", "after")
            .Build();

        var run = await RunAsync(workflow);

        run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
        var approve = (await NodeRunsAsync(run.Id, "approve")).Single();
        approve.Status.Should().Be(NodeExecutionStatus.Cancelled);
        approve.FinishedAt.Should().NotBeNull();
        (await NodeRunsAsync(run.Id, "after")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_race_between_branches_that_finish_together_has_exactly_one_winner()
    {
        var workflow = new WorkflowBuilder("photo-finish")
            .Trigger()
            .Node("left", "delay", new { duration = "30ms" })
            .Node("right", "delay", new { duration = "30ms" })
            .Node("J", "join", new { mode = "first", onRemaining = "cancel" })
            .Node("after", "log", new { message = "winner" })
            .Chain("start", "left", "J", "after").Chain("start", "right", "J")
            .Build();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var run = await RunAsync(workflow);

            run.Status.Should().Be(ExecutionStatus.Completed, run.ErrorMessage);
            (await NodeRunsAsync(run.Id, "after")).Should().ContainSingle();
            var statuses = new[] { (await NodeRunsAsync(run.Id, "left")).Single().Status, (await NodeRunsAsync(run.Id, "right")).Single().Status };
            statuses.Should().BeEquivalentTo([NodeExecutionStatus.Succeeded, NodeExecutionStatus.Cancelled]);
        }
    }

    [Fact]
    public async Task Cancel_naming_a_missing_group_or_node_is_refused_at_save_time()
    {
        var workflow = new WorkflowBuilder("bad-cancel")
            .Trigger()
            .Node("g", "cancel", new { target = "group", group = "Nope" })
            .Node("n", "cancel", new { target = "branch", node = "ghost" })
            .Chain("start", "g", "n")
            .Build();

        var problems = Host.Get<ProcessStudio.Engine.Validation.IWorkflowValidator>().Validate(workflow);

        problems.Should().Contain(p => p.Code == "cancel.unknown-target" && p.NodeId == "g" && p.Setting == "group" && p.Message.Contains("'Nope'"));
        problems.Should().Contain(p => p.Code == "cancel.unknown-target" && p.NodeId == "n" && p.Setting == "node" && p.Message.Contains("'ghost'"));
        await Task.CompletedTask;
    }
}

public sealed class InMemoryCancellationScenarios : CancellationScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
