using System.Text.Json.Nodes;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;
using Reply = ProcessStudio.Engine.Tests.Support.LocalHttpServer.Reply;

namespace ProcessStudio.Engine.Tests.Scenarios;

/// <summary>What a monitor sees of a run through the event stream.</summary>
public abstract class EventScenarios : EngineScenarioBase
{
    private readonly LocalHttpServer _server = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _server.DisposeAsync();
    }

    private async Task<List<EngineEvent>> CollectAsync(WorkflowDefinition workflow, JsonNode? input = null)
    {
        using var subscription = Host.Events.Subscribe(capacity: 10_000);
        var run = await RunAsync(workflow, input);
        var events = new List<EngineEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await foreach (var e in subscription.ReadAllAsync(timeout.Token))
        {
            if (e.ExecutionId != run.Id) continue;
            events.Add(e);
            if (e is ExecutionStatusChanged { Status: ExecutionStatus.Completed or ExecutionStatus.Failed }) break;
        }
        return events;
    }

    [Fact]
    public async Task A_run_publishes_status_changes_node_lifecycle_progress_and_logs()
    {
        var workflow = new WorkflowBuilder("observed")
            .Trigger()
            .Node("each", "for-each", new { items = "$json.list" })
            .Node("say", "log", new { message = "item {{ $item }}" })
            .Connect("start", "each").Connect("each", "say", "item")
            .Build();

        var events = await CollectAsync(workflow, new JsonObject { ["list"] = new JsonArray(1, 2) });

        events.OfType<ExecutionStatusChanged>().Select(e => e.Status).Distinct().Should().ContainInOrder(
            ExecutionStatus.Pending, ExecutionStatus.Running, ExecutionStatus.Completed);
        events.OfType<NodeStatusChanged>().Where(e => e.NodeId == "say").Select(e => e.Status)
            .Should().Equal(NodeExecutionStatus.Running, NodeExecutionStatus.Succeeded, NodeExecutionStatus.Running, NodeExecutionStatus.Succeeded);
        events.OfType<NodeProgressChanged>().Where(e => e.NodeId == "each").Select(e => e.Progress.Message)
            .Should().Equal("Item 1 of 2", "Item 2 of 2");
        events.OfType<LogWritten>().Select(e => e.Log.Message).Should().Contain(["item 1", "item 2"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Fanned_out_branches_run_in_parallel_up_to_the_workflow_concurrency(int maxConcurrency)
    {
        var builder = new WorkflowBuilder("fan-out").Settings(s => s.MaxConcurrency = maxConcurrency).Trigger();
        for (var i = 0; i < 6; i++) builder.Node($"wait{i}", "delay", new { duration = "40ms" }).Connect("start", $"wait{i}");

        var events = await CollectAsync(builder.Build());

        var running = 0;
        var mostAtOnce = 0;
        foreach (var change in events.OfType<NodeStatusChanged>().Where(e => e.NodeId.StartsWith("wait")))
        {
            running += change.Status == NodeExecutionStatus.Running ? 1 : -1;
            mostAtOnce = Math.Max(mostAtOnce, running);
        }
        mostAtOnce.Should().Be(maxConcurrency);
    }

    [Fact]
    public async Task Retries_are_published_with_the_attempt_and_when_the_next_one_is_due()
    {
        _server.Script("/flaky", new Reply(503, "{}"), new Reply(200, "{}"));
        var workflow = new WorkflowBuilder("retry").Trigger().Node("call", "http-request", new { url = _server.Url("/flaky") }).Chain("start", "call").Build();

        var events = await CollectAsync(workflow);

        var retry = events.OfType<NodeRetryScheduled>().Should().ContainSingle().Which;
        retry.Attempt.Should().Be(1);
        retry.MaxAttempts.Should().Be(4);
        retry.Error.Should().Contain("HTTP 503");
        retry.NextAttemptAt.Should().BeAfter(retry.Timestamp);
        events.OfType<NodeStatusChanged>().Where(e => e.NodeId == "call").Select(e => e.Status)
            .Should().Equal(NodeExecutionStatus.Running, NodeExecutionStatus.Retrying, NodeExecutionStatus.Succeeded);
    }
}

public sealed class InMemoryEventScenarios : EventScenarios
{
    private readonly StoreSet _stores = StoreSet.InMemory();
    protected override StoreSet OpenStores() => _stores;
}
