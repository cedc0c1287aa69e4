using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Tests.Live;

public sealed class ExecutionViewModelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid RunId = Guid.NewGuid();

    [Fact]
    public void A_node_retried_then_succeeding_shows_each_attempt_and_ends_succeeded()
    {
        var model = NewModel(ExecutionStatus.Running);
        var activation = Guid.NewGuid();

        model.Apply(Node("call", activation, NodeExecutionStatus.Running, attempt: 1, at: 0));
        model.Apply(new NodeRetryScheduled(RunId, T0.AddSeconds(1), "call", 1, 3, "503 Service Unavailable", T0.AddSeconds(2)));
        model.Nodes["call"].Should().Match<NodeRunState>(n => n.Status == NodeExecutionStatus.Retrying && n.Attempt == 1 && n.MaxAttempts == 3);

        model.Apply(Node("call", activation, NodeExecutionStatus.Running, attempt: 2, at: 2));
        model.Apply(Node("call", activation, NodeExecutionStatus.Succeeded, attempt: 2, at: 3, durationMs: 3000, port: "out"));

        model.Nodes["call"].Status.Should().Be(NodeExecutionStatus.Succeeded);
        var bar = model.Timeline.Should().ContainSingle().Subject;
        bar.Attempts.Select(a => (a.Number, a.Error)).Should().Equal((1, "503 Service Unavailable"), (2, (string?)null));
        bar.End.Should().Be(T0.AddSeconds(3));
    }

    [Fact]
    public void A_stale_running_event_does_not_reopen_a_run_the_store_saw_finish()
    {
        var model = NewModel(ExecutionStatus.Completed);

        model.Apply(new ExecutionStatusChanged(RunId, T0, Guid.NewGuid(), ExecutionStatus.Running, 2, 1, 0, null, null));

        model.Status.Should().Be(ExecutionStatus.Completed);
    }

    [Fact]
    public void Progress_counts_finished_nodes_of_the_workflow()
    {
        var model = NewModel(ExecutionStatus.Running);

        model.Apply(Node("start", Guid.NewGuid(), NodeExecutionStatus.Succeeded, 1, at: 0));

        model.Progress.Should().Be(new RunProgress(1, 2, 0, false));
        model.Progress.Percentage.Should().Be(50);
    }

    [Fact]
    public void The_active_path_is_the_link_taken_into_a_running_node()
    {
        var model = NewModel(ExecutionStatus.Running);

        model.Apply(Node("start", Guid.NewGuid(), NodeExecutionStatus.Succeeded, 1, at: 0, port: "out"));
        model.Apply(Node("call", Guid.NewGuid(), NodeExecutionStatus.Running, 1, at: 1));

        ActivePath.Of(model.Workflow, model.Nodes).Should().BeEquivalentTo(["start:out->call:in"]);
    }

    [Fact]
    public void A_log_line_seen_in_the_snapshot_is_not_added_again_by_its_event()
    {
        var line = new ExecutionLogRecord(7, RunId, T0, LogLevel.Information, "hello", "start");
        var model = NewModel(ExecutionStatus.Running, [line]);

        model.Apply(new LogWritten(line));
        model.Apply(new LogWritten(line with { Id = 0 }));   // the live event for the same line, before the store numbered it
        model.Apply(new LogWritten(line with { Id = 0, Timestamp = T0.AddSeconds(1), Message = "world", Level = LogLevel.Error }));

        model.Logs.All.Select(l => l.Message).Should().Equal("hello", "world");
        model.Logs.SetFilter(new LogFilter(MinLevel: LogLevel.Warning));
        model.Logs.Visible.Select(l => l.Message).Should().Equal("world");
    }

    [Fact]
    public void Replay_shows_the_state_of_each_node_at_a_moment()
    {
        var model = NewModel(ExecutionStatus.Running);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        model.Apply(Node("start", first, NodeExecutionStatus.Running, 1, at: 0));
        model.Apply(Node("start", first, NodeExecutionStatus.Succeeded, 1, at: 1, port: "out"));
        model.Apply(Node("call", second, NodeExecutionStatus.Running, 1, at: 1));
        model.Apply(Node("call", second, NodeExecutionStatus.Failed, 1, at: 4));

        var replay = new ReplayProjector(model.Timeline, ["start", "call"]);

        replay.Moments.Should().Equal(T0, T0.AddSeconds(1), T0.AddSeconds(4));
        replay.StateAt(T0.AddSeconds(2)).Select(kv => (kv.Key, kv.Value.Status))
            .Should().BeEquivalentTo([("start", NodeExecutionStatus.Succeeded), ("call", NodeExecutionStatus.Running)]);
        replay.StateAt(T0.AddSeconds(4))["call"].Status.Should().Be(NodeExecutionStatus.Failed);
        replay.Next(T0.AddSeconds(1)).Should().Be(T0.AddSeconds(4));
    }

    [Fact]
    public void A_branch_cancelled_while_the_run_goes_on_is_drawn_cancelled_live_and_in_the_replay_of_the_completed_run()
    {
        var model = NewModel(ExecutionStatus.Running);
        var call = Guid.NewGuid();
        model.Apply(Node("start", Guid.NewGuid(), NodeExecutionStatus.Succeeded, 1, at: 0, port: "out"));
        model.Apply(Node("call", call, NodeExecutionStatus.Waiting, 1, at: 1));
        model.Apply(Node("call", call, NodeExecutionStatus.Cancelled, 1, at: 3));

        OverlayProjection.From(model.Nodes, T0.AddSeconds(3), ExecutionStatus.Running)["call"].Status.Should().Be(NodeExecutionStatus.Cancelled,
            "the run still runs, but this branch was cancelled (a Cancel node, a lost race)");

        var records = new List<NodeExecutionRecord>
        {
            new() { Id = Guid.NewGuid(), ExecutionId = RunId, NodeId = "start", Status = NodeExecutionStatus.Succeeded, StartedAt = T0, FinishedAt = T0 },
            new() { Id = call, ExecutionId = RunId, NodeId = "call", Status = NodeExecutionStatus.Cancelled, StartedAt = T0.AddSeconds(1), FinishedAt = T0.AddSeconds(3), Error = "Cancelled" },
        };
        var finished = NewModel(ExecutionStatus.Completed, records: records);
        var replay = new ReplayProjector(finished.Timeline, ["start", "call"]);

        OverlayProjection.From(finished.Nodes, T0.AddSeconds(5), ExecutionStatus.Completed)["call"].Status.Should().Be(NodeExecutionStatus.Cancelled);
        replay.StateAt(T0.AddSeconds(2))["call"].Status.Should().Be(NodeExecutionStatus.Running);
        replay.StateAt(replay.End)["call"].Status.Should().Be(NodeExecutionStatus.Cancelled);
    }

    private static NodeStatusChanged Node(string nodeId, Guid activation, NodeExecutionStatus status, int attempt, int at,
        long? durationMs = null, string? port = null) =>
        new(RunId, T0.AddSeconds(at), nodeId, activation, status, attempt, 3, durationMs, port, status == NodeExecutionStatus.Failed ? "boom" : null);

    private static ExecutionViewModel NewModel(ExecutionStatus status, IReadOnlyList<ExecutionLogRecord>? logs = null,
        IReadOnlyList<NodeExecutionRecord>? records = null)
    {
        var workflow = new WorkflowDefinition
        {
            Id = Guid.NewGuid(),
            Name = "Fetch",
            Nodes = [new NodeDefinition { Id = "start", Type = "manual-trigger", Name = "Start" }, new NodeDefinition { Id = "call", Type = "http-request", Name = "Call API" }],
            Connections = [new Connection("start", "out", "call")],
        };
        var execution = new ExecutionRecord { Id = RunId, WorkflowId = workflow.Id, Status = status, StartedAt = T0 };
        return new ExecutionViewModel(new ExecutionSnapshot(execution, workflow, records ?? [], logs ?? []));
    }
}
