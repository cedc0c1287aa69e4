using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Scheduling;

/// <summary>Schedules over one SQLite file while the host is disposed and rebuilt across fire times.</summary>
public sealed class ScheduleRestartTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int hour, int minute, double second = 0) => Day.AddHours(hour).AddMinutes(minute).AddSeconds(second);

    [Fact]
    public async Task A_restart_neither_double_fires_nor_drops_a_run_and_missed_times_follow_the_misfire_policy()
    {
        using var folder = new TempFolder();
        var clock = new FakeTimeProvider(At(9, 0, 30));
        Guid skipping, catchingUp;

        await using (var first = new ScheduledApp(folder.Path, clock))
        {
            skipping = await first.Api.CreateWorkflowAsync(ScheduledApp.Workflow("Every minute, skip missed", "* * * * *", "skip"));
            catchingUp = await first.Api.CreateWorkflowAsync(ScheduledApp.Workflow("Every minute, catch up once", "* * * * *", "runOnce"));
            await first.ActivateAsync(skipping);
            await first.ActivateAsync(catchingUp);

            clock.SetUtcNow(At(9, 1, 0.5));
            await first.WaitForRunAsync(skipping, At(9, 1));
            await first.WaitForRunAsync(catchingUp, At(9, 1));
        }

        // Same instant, new host: the 09:01 fire was claimed and started, so nothing fires again for it.
        await using (var second = new ScheduledApp(folder.Path, clock))
        {
            clock.SetUtcNow(At(9, 2, 0.5));
            await second.WaitForRunAsync(skipping, At(9, 2));
            await second.WaitForRunAsync(catchingUp, At(9, 2));
        }

        // Down from 09:02:30 to 09:10:30: 09:03 ... 09:10 were missed.
        clock.SetUtcNow(At(9, 10, 30));
        await using var third = new ScheduledApp(folder.Path, clock);
        await third.WaitForRunAsync(catchingUp, At(9, 3));
        clock.SetUtcNow(At(9, 11, 0.5));
        await third.WaitForRunAsync(skipping, At(9, 11));
        await third.WaitForRunAsync(catchingUp, At(9, 11));

        (await third.ScheduledRunsAsync(skipping)).Select(ScheduledApp.ScheduledFor).Should().Equal(
            [At(9, 1), At(9, 2), At(9, 11)], "one run per fire time across restarts; missed times skipped");
        var caughtUp = await third.ScheduledRunsAsync(catchingUp);
        caughtUp.Select(ScheduledApp.ScheduledFor).Should().Equal(
            [At(9, 1), At(9, 2), At(9, 3), At(9, 11)], "one catch-up run for all the missed times");
        caughtUp.Select(r => r.Input!["catchUp"]!.GetValue<bool>()).Should().Equal(false, false, true, false);
        caughtUp.Select(r => r.Id).Should().OnlyHaveUniqueItems();
    }
}
