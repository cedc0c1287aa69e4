using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

public abstract class ExecutionStoreWriteTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private IExecutionStore Store => _db.Executions;
    private CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_then_get_round_trips_every_field()
    {
        var run = TestData.Execution(status: ExecutionStatus.Pending, mode: ExecutionMode.Api);
        run.RetryOf = Guid.NewGuid();
        run.ParentExecutionId = Guid.NewGuid();
        run.RetryCount = 2;
        run.StartedAt = TestData.BaseTime.AddSeconds(1);
        run.ErrorMessage = "boom";
        run.ErrorNodeId = "http1";
        await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);

        var loaded = await Store.GetAsync(run.Id, Ct);

        loaded.Should().BeEquivalentTo(run, o => o.Excluding(r => r.Input).Excluding(r => r.DurationMs));
        loaded!.Input!.ToJsonString().Should().Be(run.Input!.ToJsonString());
        (await Store.GetCheckpointAsync(run.Id, Ct))!.Step.Should().Be(0);
        (await Store.GetAsync(Guid.NewGuid(), Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_step_commit_writes_execution_nodes_logs_checkpoint_and_history_and_bumps_the_version()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);

        run.CompletedNodes = 1;
        var node = TestData.NodeExecution(run, "node0", 0);
        node.Progress = new NodeProgress(0.5, 5, 10, "item 5 of 10");
        await Store.CommitStepAsync(new StepCommit
        {
            Execution = run, ExpectedVersion = 0, NodeExecutions = [node],
            Logs = [TestData.Log(run, "Node finished", nodeId: "node0", step: 0, data: new JsonObject { ["ms"] = 12 })],
            Checkpoint = TestData.Checkpoint(run, 1),
        }, Ct);

        run.Version.Should().Be(1);
        var loaded = await Store.GetAsync(run.Id, Ct);
        loaded!.Version.Should().Be(1);
        loaded.CompletedNodes.Should().Be(1);
        var nodes = await Store.GetNodeExecutionsAsync(run.Id, Ct);
        nodes.Should().ContainSingle().Which.Should().BeEquivalentTo(node, o => o.Excluding(n => n.Input).Excluding(n => n.Output));
        var logs = await Store.GetLogsAsync(run.Id, new LogQuery(), Ct);
        logs.Items.Should().ContainSingle().Which.Data!["ms"]!.GetValue<int>().Should().Be(12);
        (await Store.GetCheckpointAsync(run.Id, Ct))!.Step.Should().Be(1);
        (await Store.GetCheckpointAtStepAsync(run.Id, 0, Ct))!.StateJson.Should().Contain("node-0");
        (await Store.GetCheckpointAtStepAsync(run.Id, 1, Ct))!.StateJson.Should().Contain("node-1");
    }

    [Fact]
    public async Task Committing_the_same_node_record_again_updates_it_in_place()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await Store.CreateAsync(run, null, Ct);
        var node = TestData.NodeExecution(run, "http", 0, NodeExecutionStatus.Retrying);
        await Store.CommitStepAsync(new StepCommit { Execution = run, ExpectedVersion = run.Version, NodeExecutions = [node] }, Ct);

        node.Status = NodeExecutionStatus.Succeeded;
        node.Attempts = 2;
        await Store.CommitStepAsync(new StepCommit { Execution = run, ExpectedVersion = run.Version, NodeExecutions = [node] }, Ct);

        var stored = (await Store.GetNodeExecutionsAsync(run.Id, Ct)).Should().ContainSingle().Subject;
        stored.Status.Should().Be(NodeExecutionStatus.Succeeded);
        stored.Attempts.Should().Be(2);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_and_writes_nothing()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);
        await Store.CommitStepAsync(TestData.Step(run, 0), Ct);

        var stale = new StepCommit
        {
            Execution = run, ExpectedVersion = 0,
            NodeExecutions = [TestData.NodeExecution(run, "late", 5)],
            Logs = [TestData.Log(run, "late line")],
            Checkpoint = TestData.Checkpoint(run, 6),
        };
        var commit = () => Store.CommitStepAsync(stale, Ct);

        (await commit.Should().ThrowAsync<ConcurrencyConflictException>()).Which.ExecutionId.Should().Be(run.Id);
        (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(1);
        (await Store.GetNodeExecutionsAsync(run.Id, Ct)).Select(n => n.NodeId).Should().Equal("node0");
        (await Store.GetLogsAsync(run.Id, new LogQuery(), Ct)).Items.Should().BeEmpty();
        (await Store.GetCheckpointAsync(run.Id, Ct))!.Step.Should().Be(1);
    }

    [Fact]
    public async Task A_commit_that_fails_part_way_rolls_back_everything()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);
        run.CompletedNodes = 1;
        // The node record and the first log are fine; the second log breaks a NOT NULL constraint inside the transaction.
        var commit = new StepCommit
        {
            Execution = run, ExpectedVersion = 0,
            NodeExecutions = [TestData.NodeExecution(run, "node0", 0)],
            Logs = [TestData.Log(run, "fine"), TestData.Log(run, null!)],
            Checkpoint = TestData.Checkpoint(run, 1),
        };

        await ((Func<Task>)(() => Store.CommitStepAsync(commit, Ct))).Should().ThrowAsync<System.Data.Common.DbException>();

        var stored = await Store.GetAsync(run.Id, Ct);
        stored!.Version.Should().Be(0);
        stored.CompletedNodes.Should().Be(0);
        (await Store.GetNodeExecutionsAsync(run.Id, Ct)).Should().BeEmpty();
        (await Store.GetLogsAsync(run.Id, new LogQuery(), Ct)).Items.Should().BeEmpty();
        (await Store.GetCheckpointAsync(run.Id, Ct))!.Step.Should().Be(0);
        (await Store.GetCheckpointAtStepAsync(run.Id, 1, Ct)).Should().BeNull();

        // The writer is still healthy afterwards.
        await Store.CommitStepAsync(TestData.Step(run, 0), Ct);
        (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task A_node_record_of_another_execution_is_rejected_before_anything_is_written()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        var other = TestData.Execution(status: ExecutionStatus.Running);
        await Store.CreateAsync(run, null, Ct);

        var commit = () => Store.CommitStepAsync(new StepCommit
        {
            Execution = run, ExpectedVersion = 0, NodeExecutions = [TestData.NodeExecution(other, "x", 0)],
        }, Ct);

        await commit.Should().ThrowAsync<ArgumentException>().WithMessage("*belongs to execution*");
        (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(0);
    }

    [Fact]
    public async Task Committing_an_unknown_execution_reports_not_found()
    {
        var ghost = TestData.Execution(status: ExecutionStatus.Running);

        var commit = () => Store.CommitStepAsync(TestData.Step(ghost, 0), Ct);

        await commit.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task Transition_applies_the_change_only_from_an_allowed_status_and_current_version()
    {
        var run = TestData.Execution(status: ExecutionStatus.Running);
        await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);
        var pausedAt = TestData.BaseTime.AddMinutes(1);

        var paused = await Store.TryTransitionAsync(run.Id, 0, [ExecutionStatus.Running], r => { r.Status = ExecutionStatus.Paused; r.PausedAt = pausedAt; }, Ct);

        paused!.Status.Should().Be(ExecutionStatus.Paused);
        paused.Version.Should().Be(1);
        (await Store.GetAsync(run.Id, Ct))!.PausedAt.Should().Be(pausedAt);
        (await Store.TryTransitionAsync(run.Id, 1, [ExecutionStatus.Running], r => r.Status = ExecutionStatus.Paused, Ct)).Should().BeNull();
        (await Store.TryTransitionAsync(run.Id, 0, [ExecutionStatus.Paused], r => r.Status = ExecutionStatus.Running, Ct)).Should().BeNull();
        (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task Cancelling_through_a_transition_deactivates_the_checkpoint()
    {
        var run = TestData.Execution(status: ExecutionStatus.Paused);
        await Store.CreateAsync(run, TestData.Checkpoint(run, 3), Ct);

        await Store.TryTransitionAsync(run.Id, 0, [ExecutionStatus.Paused, ExecutionStatus.Running], r => r.Status = ExecutionStatus.Cancelled, Ct);

        var checkpoint = await Store.GetCheckpointAsync(run.Id, Ct);
        checkpoint!.IsActive.Should().BeFalse();
        checkpoint.Step.Should().Be(3);
    }

    [Fact]
    public async Task Of_many_concurrent_resumes_exactly_one_wins()
    {
        var run = TestData.Execution(status: ExecutionStatus.Paused);
        await Store.CreateAsync(run, TestData.Checkpoint(run, 2), Ct);
        using var start = new ManualResetEventSlim();

        var contenders = Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await Store.TryTransitionAsync(run.Id, 0, [ExecutionStatus.Paused], r =>
            {
                r.Status = ExecutionStatus.Running;
                r.ErrorMessage = $"resumed by {i}";
            }, Ct);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(contenders);

        var winner = results.Should().ContainSingle(r => r != null).Subject!;
        var stored = await Store.GetAsync(run.Id, Ct);
        stored!.Version.Should().Be(1);
        stored.Status.Should().Be(ExecutionStatus.Running);
        stored.ErrorMessage.Should().Be(winner.ErrorMessage);
    }

    [Fact]
    public async Task Concurrent_runs_commit_steps_in_parallel_without_losing_any()
    {
        var runs = Enumerable.Range(0, 8).Select(_ => TestData.Execution(status: ExecutionStatus.Running)).ToList();
        foreach (var run in runs)
            await Store.CreateAsync(run, null, Ct);

        await Task.WhenAll(runs.Select(run => Task.Run(async () =>
        {
            for (var step = 0; step < 25; step++)
                await Store.CommitStepAsync(TestData.Step(run, step, TestData.Log(run, $"step {step}")), Ct);
        })));

        foreach (var run in runs)
        {
            (await Store.GetAsync(run.Id, Ct))!.Version.Should().Be(25);
            (await Store.GetNodeExecutionsAsync(run.Id, Ct)).Should().HaveCount(25);
            (await Store.GetLogsAsync(run.Id, new LogQuery(), Ct)).Total.Should().Be(25);
        }
    }

    [Fact]
    public async Task Delete_cascades_to_node_records_logs_and_checkpoints()
    {
        var keep = TestData.Execution(status: ExecutionStatus.Running);
        var drop = TestData.Execution(status: ExecutionStatus.Completed);
        foreach (var run in new[] { keep, drop })
        {
            await Store.CreateAsync(run, TestData.Checkpoint(run, 0), Ct);
            await Store.CommitStepAsync(TestData.Step(run, 0, TestData.Log(run, "hello", LogLevel.Warning)), Ct);
        }

        (await Store.DeleteAsync([drop.Id, Guid.NewGuid()], Ct)).Should().Be(1);

        (await Store.GetAsync(drop.Id, Ct)).Should().BeNull();
        foreach (var table in new[] { "NodeExecutions", "ExecutionLogs", "Checkpoints", "CheckpointHistory" })
        {
            (await _db.ScalarAsync($"SELECT COUNT(*) FROM \"{table}\" WHERE \"ExecutionId\" = '{drop.Id}'")).Should().Be(0, table);
            (await _db.ScalarAsync($"SELECT COUNT(*) FROM \"{table}\" WHERE \"ExecutionId\" = '{keep.Id}'")).Should().BeGreaterThan(0, table);
        }
    }
}
