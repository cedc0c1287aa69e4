using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Scheduling;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scheduling;

/// <summary>The scheduler on a fake clock: each pass is run explicitly after moving time.</summary>
public sealed class SchedulerScenarios : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 59, 30, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryScheduleStore _schedules = new();
    private EngineHost _host = null!;

    private ScheduleActivation Activation => _host.Get<ScheduleActivation>();
    private ScheduleTicker Ticker => _host.Get<ScheduleTicker>();

    public async Task InitializeAsync() =>
        _host = await EngineHost.StartAsync(StoreSet.InMemory(), extra: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IScheduleStore>(_schedules);
            services.AddProcessStudioScheduling();
            // The hosted loop's passes (its first one starts whenever the host's thread gets to it) would race the
            // explicit ones; every pass here is run by the test.
            services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(SchedulerService)));
        });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task An_active_schedule_starts_one_run_per_fire_time_with_the_fire_details_as_input()
    {
        var workflowId = await SaveAsync("0 9 * * *");
        (await Activation.ActivateAsync(workflowId, default)).NextFireTimes[0].Should().Be(At(9, 0));

        await TickAtAsync(At(8, 59, 59));
        (await RunsAsync(workflowId)).Should().BeEmpty("the fire time has not come");

        await TickAtAsync(At(9, 0, 1));
        await TickAtAsync(At(9, 0, 2));
        var run = (await RunsAsync(workflowId)).Should().ContainSingle().Subject;
        run.Mode.Should().Be(ExecutionMode.Schedule);
        run.Input!["scheduledFor"]!.GetValue<DateTimeOffset>().Should().Be(At(9, 0));
        run.Input["firedAt"]!.GetValue<DateTimeOffset>().Should().Be(At(9, 0, 1));
        run.Input["timezone"]!.GetValue<string>().Should().Be("UTC");
        var done = await WaitForEndAsync(run.Id);
        done.Status.Should().Be(ExecutionStatus.Completed);
        done.Output!["scheduledFor"]!.GetValue<DateTimeOffset>().Should().Be(At(9, 0), "the trigger outputs the fire details");

        (await _schedules.GetAsync(workflowId, default))!.NextFireAt.Should().Be(At(9, 0).AddDays(1));
    }

    [Fact]
    public async Task Missed_fire_times_are_skipped_under_the_skip_policy()
    {
        var workflowId = await SaveAsync("*/5 * * * *", misfire: "skip");
        await Activation.ActivateAsync(workflowId, default);

        await TickAtAsync(At(9, 42));   // 09:00 ... 09:40 were missed (the process was "down")

        (await RunsAsync(workflowId)).Should().BeEmpty();
        (await _schedules.GetAsync(workflowId, default))!.NextFireAt.Should().Be(At(9, 45), "the schedule continues with the next future time");
        await TickAtAsync(At(9, 45, 1));
        (await RunsAsync(workflowId)).Should().ContainSingle().Which.Input!["scheduledFor"]!.GetValue<DateTimeOffset>().Should().Be(At(9, 45));
    }

    [Fact]
    public async Task Missed_fire_times_give_exactly_one_catch_up_run_under_the_run_once_policy()
    {
        var workflowId = await SaveAsync("*/5 * * * *", misfire: "runOnce");
        await Activation.ActivateAsync(workflowId, default);

        await TickAtAsync(At(9, 42));
        await TickAtAsync(At(9, 43));

        var catchUp = (await RunsAsync(workflowId)).Should().ContainSingle().Subject;
        catchUp.Input!["catchUp"]!.GetValue<bool>().Should().BeTrue();
        catchUp.Input["scheduledFor"]!.GetValue<DateTimeOffset>().Should().Be(At(9, 0), "the first missed time");
        (await _schedules.GetAsync(workflowId, default))!.NextFireAt.Should().Be(At(9, 45));
    }

    [Fact]
    public async Task A_fire_claimed_before_a_crash_is_started_once_by_the_next_pass()
    {
        var workflowId = await SaveAsync("0 9 * * *");
        await Activation.ActivateAsync(workflowId, default);
        // What a pass leaves behind when the process dies between the claim and creating the run.
        var fire = new ScheduleFire(workflowId, At(9, 0), Guid.NewGuid(), At(9, 0, 1), "UTC", CatchUp: false, Started: false);
        (await _schedules.TryAdvanceAsync(workflowId, At(9, 0), At(9, 0).AddDays(1), fire, default)).Should().BeTrue();

        await TickAtAsync(At(9, 0, 5));
        await TickAtAsync(At(9, 0, 6));

        (await RunsAsync(workflowId)).Should().ContainSingle().Which.Id.Should().Be(fire.ExecutionId);
        (await _schedules.ListUnstartedFiresAsync(default)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_second_claim_of_the_same_fire_time_loses()
    {
        var workflowId = await SaveAsync("0 9 * * *");
        await Activation.ActivateAsync(workflowId, default);
        var first = new ScheduleFire(workflowId, At(9, 0), Guid.NewGuid(), At(9, 0), "UTC", false, false);
        var second = first with { ExecutionId = Guid.NewGuid() };

        (await _schedules.TryAdvanceAsync(workflowId, At(9, 0), At(9, 0).AddDays(1), first, default)).Should().BeTrue();
        (await _schedules.TryAdvanceAsync(workflowId, At(9, 0), At(9, 0).AddDays(1), second, default)).Should().BeFalse();
        (await _schedules.ListFiresAsync(workflowId, default)).Should().ContainSingle().Which.ExecutionId.Should().Be(first.ExecutionId);
    }

    [Fact]
    public async Task Schedules_follow_daylight_saving_in_their_time_zone()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero));
        var workflowId = await SaveAsync("30 2 * * *", zone: "Europe/Berlin");
        var status = await Activation.ActivateAsync(workflowId, default);

        status.NextFireTimes.Take(2).Should().Equal(
            new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero),     // 02:30 does not exist: 03:00 CEST, when the gap ends
            new DateTimeOffset(2026, 3, 30, 0, 30, 0, TimeSpan.Zero));   // 02:30 CEST
        await TickAtAsync(new DateTimeOffset(2026, 3, 29, 1, 0, 1, TimeSpan.Zero));
        (await RunsAsync(workflowId)).Should().ContainSingle();
    }

    [Fact]
    public async Task Deactivating_stops_the_runs_and_reactivating_starts_from_now()
    {
        var workflowId = await SaveAsync("0 9 * * *", misfire: "runOnce");
        await Activation.ActivateAsync(workflowId, default);
        (await Activation.DeactivateAsync(workflowId, default)).Active.Should().BeFalse();

        await TickAtAsync(At(9, 0, 1));
        (await RunsAsync(workflowId)).Should().BeEmpty();

        _clock.SetUtcNow(At(12, 0));
        (await Activation.ActivateAsync(workflowId, default)).NextFireTimes[0].Should().Be(At(9, 0).AddDays(1),
            "times missed while inactive are not misfires");
        await TickAtAsync(At(12, 0, 1));
        (await RunsAsync(workflowId)).Should().BeEmpty();
    }

    [Fact]
    public async Task Saving_a_new_version_recomputes_the_schedule_and_deleting_the_workflow_removes_it()
    {
        var workflowId = await SaveAsync("0 9 * * *");
        await Activation.ActivateAsync(workflowId, default);

        await SaveAsync("15 10 * * *", id: workflowId);
        var status = await Activation.DescribeAsync(workflowId, default);
        status.Active.Should().BeTrue();
        status.Cron.Should().Be("15 10 * * *");
        status.NextFireTimes.Should().HaveCount(5).And.StartWith(At(10, 15));

        (await _host.Workflows.DeleteAsync(workflowId, default)).Should().BeTrue();
        (await _schedules.GetAsync(workflowId, default)).Should().BeNull();
    }

    [Fact]
    public async Task A_version_without_a_schedule_trigger_deactivates_and_cannot_be_activated()
    {
        var workflowId = await SaveAsync("0 9 * * *");
        await Activation.ActivateAsync(workflowId, default);

        var manual = new WorkflowBuilder("Manual now").Trigger().Build();
        manual.Id = workflowId;
        await _host.Workflows.SaveAsync(manual, "manual", default);

        (await Activation.DescribeAsync(workflowId, default)).Should().Match<ScheduleStatus>(s => !s.Active && !s.HasScheduleTrigger);
        var activate = () => Activation.ActivateAsync(workflowId, default);
        await activate.Should().ThrowAsync<ScheduleNotActivatableException>().WithMessage("*has no enabled Schedule trigger*");
    }

    private static DateTimeOffset At(int hour, int minute, int second = 0) => new(2026, 3, 2, hour, minute, second, TimeSpan.Zero);

    private async Task<Guid> SaveAsync(string cron, string zone = "UTC", string misfire = "skip", Guid? id = null)
    {
        var workflow = new WorkflowBuilder("Scheduled")
            .Node("tick", "schedule-trigger", new { cron, timezone = zone, misfirePolicy = misfire })
            .Build();
        if (id is { } existing) workflow.Id = existing;
        return (await _host.Workflows.SaveAsync(workflow, "test", default)).WorkflowId;
    }

    private async Task TickAtAsync(DateTimeOffset now)
    {
        _clock.SetUtcNow(now);
        await Ticker.TickAsync(default);
    }

    private async Task<IReadOnlyList<ExecutionRecord>> RunsAsync(Guid workflowId) =>
        (await _host.Executions.QueryAsync(new ExecutionQuery { WorkflowId = workflowId }, default)).Items;

    private async Task<ExecutionRecord> WaitForEndAsync(Guid executionId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var record = await _host.Executions.GetAsync(executionId, default);
            if (record is { IsActive: false }) return record;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Execution {executionId} is still {record?.Status}.");
            await Task.Delay(10);
        }
    }
}
