using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>
/// The run options of a start: a run timeout that also ends parked runs (and survives a restart), a correlation id that
/// is stored, filterable and visible to expressions, and a lock key that lets one run per key be active at a time.
/// </summary>
public abstract class RunOptionsScenarios : EngineScenarioBase
{
    protected override void ConfigureEngine(EngineOptions options) => options.WaitCheckInterval = TimeSpan.FromMilliseconds(50);

    private static WorkflowDefinition AwaitingApproval(string name = "approval", Guid? errorWorkflowId = null) => new WorkflowBuilder(name)
        .Trigger()
        .Node("approve", "wait-for-approval", new { title = "Ship order?" })
        .Chain("start", "approve")
        .Settings(s => s.ErrorWorkflowId = errorWorkflowId)
        .Build();

    private static WorkflowDefinition Sleeping(string duration) => new WorkflowBuilder("serial")
        .Trigger()
        .Node("work", "delay", new { duration })
        .Chain("start", "work")
        .Build();

    private async Task<Guid> SaveAsync(WorkflowDefinition workflow) => (await Host.Workflows.SaveAsync(workflow, "test", CancellationToken.None)).WorkflowId;

    private Task<ExecutionRecord> StartAsync(Guid workflowId, Func<StartExecutionRequest, StartExecutionRequest>? options = null, JsonNode? input = null) =>
        Engine.StartAsync((options ?? (r => r))(new StartExecutionRequest { WorkflowId = workflowId, Input = input }), CancellationToken.None);

    private static readonly ExecutionStatus[] Finished = [ExecutionStatus.Completed, ExecutionStatus.Failed, ExecutionStatus.Cancelled];

    [Fact]
    public async Task A_waiting_run_past_its_timeout_is_cancelled_as_timed_out_and_its_wait_ends()
    {
        var workflow = await SaveAsync(AwaitingApproval());

        var started = await StartAsync(workflow, r => r with { TimeoutMs = 1500 });
        var stopped = await WaitForStatusAsync(started.Id, Finished);

        var logs = (await Executions.GetLogsAsync(started.Id, new LogQuery(), CancellationToken.None)).Items.Select(l => l.Message).ToList();
        logs.Should().Contain(m => m.Contains("is waiting"), "the run was parked, no worker held it").And.Contain(m => m.Contains("exceeded its timeout"));
        stopped.Status.Should().Be(ExecutionStatus.Cancelled);
        stopped.StatusReason.Should().Be(StatusReasons.TimedOut);
        stopped.ErrorMessage.Should().Contain("timeout");
        stopped.WakeAt.Should().BeNull();
        (await NodeRunsAsync(started.Id, "approve")).Should().ContainSingle().Which.Status.Should().Be(NodeExecutionStatus.Cancelled);
        (await Engine.GetMemoryAsync(started.Id, CancellationToken.None))!["pending"]!.AsArray().Should().NotBeEmpty("the checkpoint is kept, only deactivated");
    }

    [Fact]
    public async Task The_deadline_is_stored_so_a_restarted_host_times_out_a_run_it_never_saw()
    {
        var workflow = await SaveAsync(AwaitingApproval());
        var started = await StartAsync(workflow, r => r with { TimeoutMs = 1500 });
        await WaitForStatusAsync(started.Id, ExecutionStatus.Waiting);

        await RestartHostAsync();

        (await Executions.GetAsync(started.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Waiting, "the deadline has not passed yet");
        var stopped = await WaitForStatusAsync(started.Id, Finished);
        stopped.Status.Should().Be(ExecutionStatus.Cancelled);
        stopped.StatusReason.Should().Be(StatusReasons.TimedOut);
        stopped.StoppedAt.Should().BeOnOrAfter(started.CreatedAt.AddMilliseconds(1500));
    }

    [Fact]
    public async Task A_timed_out_run_fires_its_failure_reactions_its_error_workflow_starts()
    {
        var reporter = await SaveAsync(new WorkflowBuilder("alerts").Trigger().Build());
        var workflow = await SaveAsync(AwaitingApproval("orders", reporter));

        var started = await StartAsync(workflow, r => r with { TimeoutMs = 300, CorrelationId = "order-77" });
        await WaitForStatusAsync(started.Id, Finished);

        var errorRun = await WaitForChildAsync(started.Id, ExecutionMode.ErrorWorkflow);
        errorRun.Input!["execution"]!["statusReason"]!.GetValue<string>().Should().Be(StatusReasons.TimedOut);
        errorRun.CorrelationId.Should().Be("order-77", "the error run belongs to the same business transaction");
    }

    [Fact]
    public async Task A_running_run_past_its_timeout_is_cancelled_at_once()
    {
        var workflow = await SaveAsync(Sleeping("20s"));

        var started = await StartAsync(workflow, r => r with { TimeoutMs = 300 });
        var stopped = await WaitForStatusAsync(started.Id, Finished);

        stopped.Status.Should().Be(ExecutionStatus.Cancelled);
        stopped.StatusReason.Should().Be(StatusReasons.TimedOut);
        (stopped.StoppedAt - stopped.CreatedAt).Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_workflow_setting_is_the_timeout_unless_the_start_overrides_it()
    {
        var definition = AwaitingApproval();
        definition.Settings.RunTimeoutMs = 60_000;
        var workflow = await SaveAsync(definition);

        var byWorkflow = await StartAsync(workflow);
        var byStart = await StartAsync(workflow, r => r with { TimeoutMs = 5_000 });

        byWorkflow.TimeoutMs.Should().Be(60_000);
        byWorkflow.DeadlineAt.Should().BeCloseTo(byWorkflow.CreatedAt.AddMinutes(1), TimeSpan.FromMilliseconds(1));
        byStart.TimeoutMs.Should().Be(5_000);
        (await Executions.GetAsync(byStart.Id, CancellationToken.None))!.DeadlineAt.Should().BeCloseTo(byStart.CreatedAt.AddSeconds(5), TimeSpan.FromMilliseconds(1), "stored in ms");
        await Engine.CancelAsync(byWorkflow.Id, CancellationToken.None);
        await Engine.CancelAsync(byStart.Id, CancellationToken.None);
    }

    [Fact]
    public async Task A_correlation_id_is_stored_filterable_kept_by_retries_and_visible_as_execution_correlationId()
    {
        var workflow = await SaveAsync(new WorkflowBuilder("tagged")
            .Trigger()
            .Node("tag", "transform", new { fields = new { correlation = "{{ $execution.correlationId }}" } })
            .Chain("start", "tag")
            .Build());

        var tagged = await StartAsync(workflow, r => r with { CorrelationId = "  req-42  " });
        await StartAsync(workflow, r => r with { CorrelationId = "req-43" });
        await StartAsync(workflow);
        var done = await WaitForStatusAsync(tagged.Id, Finished);

        done.CorrelationId.Should().Be("req-42");
        done.Output!["correlation"]!.GetValue<string>().Should().Be("req-42");
        var filtered = await Executions.QueryAsync(new ExecutionQuery { CorrelationId = "req-42" }, CancellationToken.None);
        filtered.Items.Select(e => e.Id).Should().Equal(tagged.Id);

        var retry = await Engine.RetryAsync(tagged.Id, RetryMode.FromStart, null, CancellationToken.None);
        retry.CorrelationId.Should().Be("req-42");
        (await Executions.QueryAsync(new ExecutionQuery { CorrelationId = "req-42" }, CancellationToken.None)).Total.Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_starts_with_one_lock_key_queue_behind_one_active_run_and_run_one_after_another()
    {
        var workflow = await SaveAsync(Sleeping("300ms"));
        const int starts = 5;

        var runs = await Task.WhenAll(Enumerable.Range(0, starts).Select(_ => Task.Run(() =>
            StartAsync(workflow, r => r with { LockKey = "customer-1", OnLocked = OnLocked.Queue }))));

        runs.Count(r => r.Status == ExecutionStatus.Queued).Should().Be(starts - 1, "one start took the key, the others wait behind it");
        var maxActive = 0;
        while (true)
        {
            var all = await Task.WhenAll(runs.Select(r => Executions.GetAsync(r.Id, CancellationToken.None)));
            maxActive = Math.Max(maxActive, all.Count(r => RunLocks.Holds(r!)));
            if (all.All(r => r!.Status.IsFinished())) break;
            await Task.Delay(5);
        }

        maxActive.Should().Be(1);
        var finished = (await Task.WhenAll(runs.Select(r => Executions.GetAsync(r.Id, CancellationToken.None)))).Select(r => r!).OrderBy(r => r.StartedAt).ToList();
        finished.Should().OnlyContain(r => r.Status == ExecutionStatus.Completed);
        for (var i = 1; i < finished.Count; i++)
            finished[i].StartedAt.Should().BeOnOrAfter(finished[i - 1].StoppedAt!.Value, "a queued run starts once the holder has ended");
    }

    [Fact]
    public async Task Queued_runs_start_in_the_order_they_were_queued()
    {
        var workflow = await SaveAsync(Sleeping("100ms"));
        var holder = await StartAsync(workflow, r => r with { LockKey = "k" });
        var queued = new List<ExecutionRecord>();
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(5);   // distinct creation times
            queued.Add(await StartAsync(workflow, r => r with { LockKey = "k" }));
        }

        queued.Should().OnlyContain(r => r.Status == ExecutionStatus.Queued);
        var done = new List<ExecutionRecord>();
        foreach (var run in queued) done.Add(await WaitForStatusAsync(run.Id, Finished));
        done.Select(r => r.StartedAt).Should().BeInAscendingOrder();
        done[0].StartedAt.Should().BeOnOrAfter((await Executions.GetAsync(holder.Id, CancellationToken.None))!.StoppedAt!.Value);
    }

    [Fact]
    public async Task Concurrent_starts_with_onLocked_reject_leave_exactly_one_run_and_refuse_the_rest_naming_the_holder()
    {
        var workflow = await SaveAsync(AwaitingApproval());
        const int starts = 6;

        var attempts = await Task.WhenAll(Enumerable.Range(0, starts).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Run: await StartAsync(workflow, r => r with { LockKey = "invoice-9", OnLocked = OnLocked.Reject }), Refusal: (RunLockHeldException?)null);
            }
            catch (RunLockHeldException refused)
            {
                return (Run: (ExecutionRecord?)null, Refusal: refused);
            }
        })));

        var holder = attempts.Where(a => a.Run is not null).Should().ContainSingle().Which.Run!;
        attempts.Where(a => a.Refusal is not null).Should().HaveCount(starts - 1)
            .And.OnlyContain(a => a.Refusal!.LockKey == "invoice-9" && a.Refusal.HolderId == holder.Id);
        (await Executions.QueryAsync(new ExecutionQuery { LockKey = "invoice-9" }, CancellationToken.None)).Total.Should().Be(1, "a refused start leaves nothing behind");

        await Engine.CancelAsync(holder.Id, CancellationToken.None);
        var next = await StartAsync(workflow, r => r with { LockKey = "invoice-9", OnLocked = OnLocked.Reject });
        next.Status.Should().Be(ExecutionStatus.Pending, "the key is free once its holder ended");
        await Engine.CancelAsync(next.Id, CancellationToken.None);
    }

    [Fact]
    public async Task A_queued_run_can_be_cancelled_and_a_lock_key_template_is_rendered_from_the_input()
    {
        var workflow = await SaveAsync(AwaitingApproval());
        var holder = await StartAsync(workflow, r => r with { LockKey = "customer-{{ $input.customer }}" }, new JsonObject { ["customer"] = 7 });
        var queued = await StartAsync(workflow, r => r with { LockKey = "customer-7" });
        var other = await StartAsync(workflow, r => r with { LockKey = "customer-{{ $input.customer }}" }, new JsonObject { ["customer"] = 8 });

        holder.LockKey.Should().Be("customer-7");
        queued.Status.Should().Be(ExecutionStatus.Queued);
        other.Status.Should().NotBe(ExecutionStatus.Queued, "another customer's key is free");

        (await Engine.CancelAsync(queued.Id, CancellationToken.None)).Status.Should().Be(ExecutionStatus.Cancelled);
        await Engine.CancelAsync(holder.Id, CancellationToken.None);
        await Engine.CancelAsync(other.Id, CancellationToken.None);
        (await Executions.GetAsync(queued.Id, CancellationToken.None))!.StartedAt.Should().BeNull("a cancelled queued run never starts");
    }

    private async Task<ExecutionRecord> WaitForChildAsync(Guid parentId, ExecutionMode mode)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var runs = await Executions.QueryAsync(new ExecutionQuery { ParentExecutionId = parentId, Mode = mode }, CancellationToken.None);
            if (runs.Items.Count > 0) return runs.Items.Single();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No {mode} run was started for {parentId}.");
            await Task.Delay(10);
        }
    }
}

public sealed class InMemoryRunOptionsScenarios : RunOptionsScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
