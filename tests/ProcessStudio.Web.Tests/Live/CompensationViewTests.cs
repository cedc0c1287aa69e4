using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Ui.Live;

namespace ProcessStudio.Web.Tests.Live;

/// <summary>
/// The run view of a rollback: the record that shows a node being undone becomes that node's compensation state (live, on
/// reload and in replay) and leaves its own status alone; the compensating path's nodes show like any node.
/// </summary>
public sealed class CompensationViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid RunId = Guid.NewGuid();

    private static WorkflowDefinition Saga() => new()
    {
        Id = Guid.NewGuid(),
        Name = "Saga",
        Nodes =
        [
            new NodeDefinition { Id = "start", Type = "manual-trigger", Name = "Start" },
            new NodeDefinition { Id = "charge", Type = "transform", Name = "Charge", Policy = new NodePolicy { Compensate = true } },
            new NodeDefinition { Id = "refund", Type = "log", Name = "Refund" },
        ],
        Connections = [new Connection("start", "out", "charge"), new Connection("charge", "compensate", "refund")],
    };

    private static NodeExecutionRecord Record(string nodeId, NodeExecutionStatus status, int step, bool compensation = false) => new()
    {
        Id = Guid.NewGuid(), ExecutionId = RunId, NodeId = nodeId, NodeName = nodeId, NodeType = "log", Step = step, Status = status, Attempts = 1,
        StartedAt = T0.AddSeconds(step), FinishedAt = status == NodeExecutionStatus.Running ? null : T0.AddSeconds(step + 0.5), Compensation = compensation,
    };

    private static ExecutionViewModel Model(ExecutionStatus status, params NodeExecutionRecord[] records) =>
        new(new ExecutionSnapshot(new ExecutionRecord { Id = RunId, Status = status, StartedAt = T0, StoppedAt = T0.AddSeconds(10) }, Saga(), records, []));

    [Fact]
    public void A_reloaded_rollback_shows_the_undone_node_compensated_and_its_path_succeeded()
    {
        var model = Model(ExecutionStatus.Compensated,
            Record("start", NodeExecutionStatus.Succeeded, 1), Record("charge", NodeExecutionStatus.Succeeded, 2),
            Record("refund", NodeExecutionStatus.Succeeded, 4, compensation: true), Record("charge", NodeExecutionStatus.Succeeded, 5, compensation: true));

        model.Nodes["charge"].Status.Should().Be(NodeExecutionStatus.Succeeded, "its own run is not overwritten by its undo");
        model.Nodes["charge"].Compensation.Should().Be(NodeExecutionStatus.Succeeded);
        model.Nodes["refund"].Should().Match<NodeRunState>(n => n.Status == NodeExecutionStatus.Succeeded && n.Compensation == null);
    }

    [Fact]
    public void A_failed_run_compensated_on_demand_goes_live_again_and_keeps_its_error()
    {
        var model = Model(ExecutionStatus.Failed, Record("charge", NodeExecutionStatus.Succeeded, 2));
        var marker = Guid.NewGuid();

        model.Apply(new ExecutionStatusChanged(RunId, T0.AddSeconds(20), Guid.NewGuid(), ExecutionStatus.Running, 3, 2, 1, "Node 'Ship' failed: boom", "ship"));
        model.Apply(new NodeStatusChanged(RunId, T0.AddSeconds(21), "charge", marker, NodeExecutionStatus.Running, 1, 1, null, null, null) { Compensation = true });

        model.Status.Should().Be(ExecutionStatus.Running);
        model.Execution.ErrorMessage.Should().Be("Node 'Ship' failed: boom");
        model.Nodes["charge"].Compensation.Should().Be(NodeExecutionStatus.Running);
        model.Nodes["charge"].Status.Should().Be(NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public void Replay_shows_the_undo_only_from_the_moment_it_started()
    {
        var model = Model(ExecutionStatus.Compensated,
            Record("charge", NodeExecutionStatus.Succeeded, 2), Record("charge", NodeExecutionStatus.Succeeded, 5, compensation: true));
        var replay = new ReplayProjector(model.Timeline, ["start", "charge", "refund"], model.Compensable);

        replay.StateAt(T0.AddSeconds(3))["charge"].Compensation.Should().BeNull();
        replay.StateAt(T0.AddSeconds(5.2))["charge"].Compensation.Should().Be(NodeExecutionStatus.Running);
        replay.StateAt(T0.AddSeconds(6))["charge"].Should().Match<NodeRunState>(n =>
            n.Status == NodeExecutionStatus.Succeeded && n.Compensation == NodeExecutionStatus.Succeeded);
    }
}
