using Microsoft.Data.Sqlite;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

/// <summary>Steps queued while the writer is busy are written together; each still succeeds or fails on its own.</summary>
public sealed class StepGroupCommitTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private IExecutionStore Store => _db.Executions;
    private CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_conflicting_or_broken_step_in_a_shared_batch_leaves_the_other_steps_committed()
    {
        var good = TestData.Execution(status: ExecutionStatus.Running);
        var stale = TestData.Execution(status: ExecutionStatus.Running);
        var broken = TestData.Execution(status: ExecutionStatus.Running);
        var alsoGood = TestData.Execution(status: ExecutionStatus.Running);
        foreach (var run in new[] { good, stale, broken, alsoGood })
            await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);
        var brokenStep = TestData.Step(broken, 0, TestData.Log(broken, "fine"), TestData.Log(broken, null!));
        var staleStep = TestData.Step(stale, 0, TestData.Log(stale, "never written"));
        staleStep = new StepCommit { Execution = stale, ExpectedVersion = 7, NodeExecutions = staleStep.NodeExecutions, Logs = staleStep.Logs, Checkpoint = staleStep.Checkpoint };

        // Hold the writer so all four steps queue up and are written by one transaction.
        Task[] commits;
        using (await _db.Get<SqliteWriteGate>().EnterAsync(Ct))
        {
            commits =
            [
                Store.CommitStepAsync(TestData.Step(good, 0, TestData.Log(good, "a")), Ct),
                Store.CommitStepAsync(staleStep, Ct),
                Store.CommitStepAsync(brokenStep, Ct),
                Store.CommitStepAsync(TestData.Step(alsoGood, 0, TestData.Log(alsoGood, "b")), Ct),
            ];
        }

        await commits[0];
        await commits[3];
        await ((Func<Task>)(() => commits[1])).Should().ThrowAsync<ConcurrencyConflictException>();
        await ((Func<Task>)(() => commits[2])).Should().ThrowAsync<SqliteException>();

        foreach (var run in new[] { good, alsoGood })
        {
            (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(1);
            (await Store.GetLogsAsync(run.Id, new LogQuery(), Ct)).Total.Should().Be(1);
            (await Store.GetCheckpointAsync(run.Id, Ct))!.Step.Should().Be(1);
        }
        foreach (var run in new[] { stale, broken })
        {
            (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(0);
            (await Store.GetLogsAsync(run.Id, new LogQuery(), Ct)).Total.Should().Be(0);
            (await Store.GetNodeExecutionsAsync(run.Id, Ct)).Should().BeEmpty();
            (await Store.GetCheckpointAsync(run.Id, Ct))!.Step.Should().Be(0);
        }
    }

    [Fact]
    public async Task Steps_queued_together_are_all_committed_whole()
    {
        var runs = Enumerable.Range(0, 4).Select(_ => TestData.Execution(status: ExecutionStatus.Running)).ToList();
        foreach (var run in runs)
            await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);

        Task[] commits;
        using (await _db.Get<SqliteWriteGate>().EnterAsync(Ct))
            commits = [.. runs.Select(run => Store.CommitStepAsync(TestData.Step(run, 0, TestData.Log(run, "a"), TestData.Log(run, "b")), Ct))];
        await Task.WhenAll(commits);

        foreach (var run in runs)
        {
            (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(1);
            (await Store.GetLogsAsync(run.Id, new LogQuery(), Ct)).Total.Should().Be(2);
            (await Store.GetNodeExecutionsAsync(run.Id, Ct)).Should().HaveCount(1);
            (await Store.GetCheckpointAsync(run.Id, Ct))!.Step.Should().Be(1);
        }
    }

    [Fact]
    public async Task A_step_cancelled_while_queued_is_not_written()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await Store.CreateAsync(run, null, Ct);
        using var cancel = new CancellationTokenSource();

        Task commit;
        using (await _db.Get<SqliteWriteGate>().EnterAsync(Ct))
        {
            commit = Store.CommitStepAsync(TestData.Step(run, 0, TestData.Log(run, "x")), cancel.Token);
            cancel.Cancel();
        }

        await ((Func<Task>)(() => commit)).Should().ThrowAsync<OperationCanceledException>();
        (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(0);
        (await Store.GetLogsAsync(run.Id, new LogQuery(), Ct)).Total.Should().Be(0);
    }
}
