using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

public abstract class RetentionTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Deletes_old_finished_runs_with_their_records_and_keeps_active_and_recent_ones()
    {
        await using var db = await TestDatabase.CreateAsync(provider, o => o.Retention.MaxAge = TimeSpan.FromDays(7));
        var now = DateTimeOffset.UtcNow;
        async Task<ExecutionRecord> Add(ExecutionStatus status, double ageDays)
        {
            var run = TestData.Execution(status: status, createdAt: now.AddDays(-ageDays - 0.1));
            run.StartedAt = run.CreatedAt;
            run.StoppedAt = status.IsFinished() ? now.AddDays(-ageDays) : null;
            await db.Executions.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);
            var step = TestData.Step(run, 0, TestData.Log(run, "a line"));
            await db.Executions.CommitStepAsync(step, Ct);
            return run;
        }
        var oldCompleted = await Add(ExecutionStatus.Completed, 30);
        var oldFailed = await Add(ExecutionStatus.Failed, 8);
        var oldCancelled = await Add(ExecutionStatus.Cancelled, 10);
        var oldPaused = await Add(ExecutionStatus.Paused, 30);
        var oldRunning = await Add(ExecutionStatus.Running, 30);
        var recentCompleted = await Add(ExecutionStatus.Completed, 1);

        var deleted = await db.RetentionService().PurgeAsync(Ct);

        deleted.Should().Be(3);
        foreach (var gone in new[] { oldCompleted, oldFailed, oldCancelled })
        {
            (await db.Executions.GetAsync(gone.Id, Ct)).Should().BeNull();
            (await db.ScalarAsync($"SELECT COUNT(*) FROM \"ExecutionLogs\" WHERE \"ExecutionId\" = '{gone.Id}'")).Should().Be(0);
            (await db.ScalarAsync($"SELECT COUNT(*) FROM \"NodeExecutions\" WHERE \"ExecutionId\" = '{gone.Id}'")).Should().Be(0);
        }
        foreach (var kept in new[] { oldPaused, oldRunning, recentCompleted })
        {
            (await db.Executions.GetAsync(kept.Id, Ct)).Should().NotBeNull();
            (await db.Executions.GetLogsAsync(kept.Id, new LogQuery(), Ct)).Total.Should().Be(1);
            (await db.Executions.GetCheckpointAsync(kept.Id, Ct)).Should().NotBeNull();
        }
    }

    [Fact]
    public async Task Deletes_large_backlogs_in_batches_until_none_is_left()
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var old = DateTimeOffset.UtcNow.AddDays(-400);
        for (var i = 0; i < 1203; i++)
        {
            var run = TestData.Execution(status: ExecutionStatus.Completed, createdAt: old);
            run.StoppedAt = old;
            await db.Executions.CreateAsync(run, null, Ct);
        }

        var deleted = await db.Executions.DeleteFinishedBeforeAsync(DateTimeOffset.UtcNow.AddDays(-30), Ct);

        deleted.Should().Be(1203);
        (await db.ScalarAsync("SELECT COUNT(*) FROM \"Executions\"")).Should().Be(0);
    }

    [Fact]
    public async Task A_zero_retention_interval_is_refused_naming_the_setting()
    {
        var open = async () =>
        {
            await using var db = await TestDatabase.CreateAsync(provider, o => o.Retention.Interval = TimeSpan.Zero);
        };

        await open.Should().ThrowAsync<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*Retention:Interval*");
    }
}
