using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Events;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Events;

public sealed class EngineEventStreamTests
{
    private readonly EngineEventStream _stream = EngineServices.Build().GetRequiredService<EngineEventStream>();
    private static readonly Guid Run = Guid.NewGuid();

    private static NodeStatusChanged Status(string node, NodeExecutionStatus status) =>
        new(Run, DateTimeOffset.UtcNow, node, Guid.NewGuid(), status, 1, 1, null, null, null);

    private static LogWritten Log(int n) => new(new ExecutionLogRecord(0, Run, DateTimeOffset.UtcNow, LogLevel.Information, $"line {n}"));

    private static async Task<List<EngineEvent>> DrainAsync(IEngineSubscription subscription)
    {
        var events = new List<EngineEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            await foreach (var e in subscription.ReadAllAsync(timeout.Token)) events.Add(e);
        }
        catch (OperationCanceledException)
        {
            // drained
        }
        return events;
    }

    [Fact]
    public async Task A_subscriber_that_keeps_up_receives_every_event_in_order()
    {
        using var subscription = _stream.Subscribe();

        _stream.Publish(Status("a", NodeExecutionStatus.Running));
        _stream.Publish(Log(1));
        _stream.Publish(Status("a", NodeExecutionStatus.Succeeded));

        var events = await DrainAsync(subscription);
        events.Should().HaveCount(3);
        events.OfType<NodeStatusChanged>().Select(e => e.Status).Should().Equal(NodeExecutionStatus.Running, NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task A_slow_subscriber_gets_the_latest_status_per_node_and_a_count_of_dropped_logs()
    {
        using var subscription = _stream.Subscribe(capacity: 16);

        for (var i = 0; i < 1000; i++)
        {
            _stream.Publish(Log(i));
            _stream.Publish(Status($"node{i % 3}", i < 990 ? NodeExecutionStatus.Running : NodeExecutionStatus.Succeeded));
        }

        var events = await DrainAsync(subscription);
        subscription.DroppedLogs.Should().BeGreaterThan(900);
        events.Count.Should().BeLessThanOrEqualTo(16 + 3);
        var latest = events.OfType<NodeStatusChanged>().GroupBy(e => e.NodeId).ToDictionary(g => g.Key, g => g.Last().Status);
        latest.Should().HaveCount(3).And.OnlyContain(p => p.Value == NodeExecutionStatus.Succeeded);
    }

    [Fact]
    public async Task Filters_select_events_and_a_failing_filter_never_reaches_the_publisher()
    {
        using var onlyLogs = _stream.Subscribe(e => e is LogWritten);
        using var broken = _stream.Subscribe(_ => throw new InvalidOperationException("bad filter"));

        var publish = () => _stream.Publish(Status("a", NodeExecutionStatus.Running));
        publish.Should().NotThrow();
        _stream.Publish(Log(1));

        (await DrainAsync(onlyLogs)).Should().ContainSingle().Which.Should().BeOfType<LogWritten>();
    }

    [Fact]
    public async Task A_disposed_subscription_stops_receiving()
    {
        var subscription = _stream.Subscribe();
        subscription.Dispose();

        _stream.Publish(Log(1));

        (await DrainAsync(subscription)).Should().BeEmpty();
    }
}
