using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>Waits measured in hours, on a fake clock: a run wakes when the clock is moved, not when real time passes.</summary>
public sealed class FakeClockWaitScenarios : EngineScenarioBase
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly StoreSet _stores = StoreSet.InMemory();

    protected override StoreSet OpenStores() => _stores;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);

    // The wait timer ticks on the fake clock too; a ten-year period keeps its ticks out of the explicit passes below.
    protected override void ConfigureEngine(EngineOptions options) => options.WaitCheckInterval = TimeSpan.FromDays(3650);

    [Fact]
    public async Task A_two_hour_approval_timeout_fires_when_the_clock_reaches_it_and_not_a_minute_before()
    {
        var started = await StartAsync(new WorkflowBuilder("slow approval")
            .Trigger()
            .Node("approve", "wait-for-approval", new { title = "Sign off", timeout = "2h" })
            .Node("expired", "transform", new { fields = new { status = "expired" } })
            .Connect("start", "approve")
            .Connect("approve", "expired", "timeout")
            .Build());
        var waiting = await WaitForStatusAsync(started.Id, ExecutionStatus.Waiting, ExecutionStatus.Failed);
        waiting.WakeAt.Should().Be(Start.AddHours(2));

        _clock.Advance(TimeSpan.FromMinutes(119));
        (await WakeDueAsync()).Should().Be(0);
        (await Executions.GetAsync(started.Id, CancellationToken.None))!.Status.Should().Be(ExecutionStatus.Waiting);

        _clock.Advance(TimeSpan.FromMinutes(1));
        (await WakeDueAsync()).Should().Be(1);
        var done = await WaitForStatusAsync(started.Id, ExecutionStatus.Completed, ExecutionStatus.Failed);
        done.Output!["status"]!.GetValue<string>().Should().Be("expired");
    }

    /// <summary>One pass of what the wait timer does on each tick, run here so the test knows it happened.</summary>
    private Task<int> WakeDueAsync() => Host.Get<WaitingRuns>().WakeDueAsync(CancellationToken.None);
}
