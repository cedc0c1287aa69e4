using System.Diagnostics;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Conflicting commands sent at once to one run: its coordinator lets each see what the one before did.</summary>
public abstract class CommandRaceScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    protected override void ConfigureEngine(EngineOptions options) => options.WaitCheckInterval = TimeSpan.FromMilliseconds(50);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static WorkflowDefinition Approval() => new WorkflowBuilder("approval")
        .Trigger()
        .Node("approve", "wait-for-approval", new { title = "Ok?" })
        .Node("paid", "transform", new { fields = new { paid = true } })
        .Connect("start", "approve")
        .Connect("approve", "paid", "approved")
        .Build();

    private static async Task<string> OutcomeAsync(Func<Task> command)
    {
        try
        {
            await command();
            return "won";
        }
        catch (InvalidTransitionException)
        {
            return "refused";
        }
    }

    [Fact]
    public async Task A_cancel_overtakes_a_pause_that_waits_for_a_slow_node()
    {
        _server.Script("/slow", new Reply(200, "{}", Delay: TimeSpan.FromSeconds(10)));
        var run = await StartAsync(new WorkflowBuilder("slow").Trigger()
            .Node("call", "http-request", new { url = _server.Url("/slow"), timeout = "30s" }).Chain("start", "call").Build());
        SpinWait.SpinUntil(() => _server.Hits("/slow") > 0, TimeSpan.FromSeconds(10)).Should().BeTrue();

        var pause = Task.Run(() => Engine.PauseAsync(run.Id, CancellationToken.None));
        (await Task.WhenAny(pause, Task.Delay(200))).Should().NotBe(pause, "a pause waits for the running node to finish");
        var clock = Stopwatch.StartNew();
        var cancelled = await Engine.CancelAsync(run.Id, CancellationToken.None);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8), "the cancel is not queued behind the pause");
        cancelled.Status.Should().Be(ExecutionStatus.Cancelled);
        (await pause.Awaiting(p => p).Should().ThrowAsync<InvalidTransitionException>()).Which.Current.Should().Be(ExecutionStatus.Cancelled);
        (await NodeRunsAsync(run.Id, "call")).Single().Status.Should().Be(NodeExecutionStatus.Cancelled);
    }

    [Fact]
    public async Task Of_concurrent_cancels_of_a_waiting_run_exactly_one_wins()
    {
        var run = await StartAsync(Approval());
        await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => OutcomeAsync(() => Engine.CancelAsync(run.Id, CancellationToken.None)))));

        outcomes.Count(o => o == "won").Should().Be(1);
        (await Executions.GetAsync(run.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Cancelled);
    }

    [Fact]
    public async Task An_approval_and_a_cancel_sent_together_leave_a_run_that_did_one_or_the_other_never_both()
    {
        for (var round = 0; round < 5; round++)
        {
            var run = await StartAsync(Approval());
            await WaitForStatusAsync(run.Id, ExecutionStatus.Waiting);
            var decision = new JsonObject { ["decision"] = "approve", ["by"] = "alice", ["at"] = DateTimeOffset.UtcNow };

            var approve = Task.Run(() => OutcomeAsync(() => Engine.SignalAsync(run.Id, "approve", decision, CancellationToken.None)));
            var cancel = Task.Run(() => OutcomeAsync(() => Engine.CancelAsync(run.Id, CancellationToken.None)));
            var (approved, cancelled) = (await approve, await cancel);
            var final = await WaitForStatusAsync(run.Id, ExecutionStatus.Completed, ExecutionStatus.Cancelled, ExecutionStatus.Failed);

            var approval = (await NodeRunsAsync(run.Id, "approve")).Single();
            if (final.Status == ExecutionStatus.Cancelled)
            {
                cancelled.Should().Be("won");
                approval.Status.Should().BeOneOf(NodeExecutionStatus.Cancelled, NodeExecutionStatus.Succeeded);
                approval.FinishedAt.Should().NotBeNull();
            }
            else
            {
                final.Status.Should().Be(ExecutionStatus.Completed, final.ErrorMessage);
                (approved, cancelled).Should().Be(("won", "refused"));
                approval.Status.Should().Be(NodeExecutionStatus.Succeeded);
            }
            (await NodeRunsAsync(run.Id, "paid")).Should().HaveCountLessThanOrEqualTo(1);
        }
    }
}

public sealed class InMemoryCommandRaceScenarios : CommandRaceScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
