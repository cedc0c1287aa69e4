using System.Text;
using Microsoft.Extensions.Logging;
using ProcessStudio.Engine.Cluster;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Cluster;

/// <summary>Run events travel in messages that fit PostgreSQL's NOTIFY, in order; what does not fit travels alone.</summary>
public sealed class ClusterEventPackingTests
{
    private static readonly Guid Run = Guid.NewGuid();

    private static ClusterEventEnvelope Log(long sequence, int chars) => ClusterEventEnvelope.Of(
        new LogWritten(new ExecutionLogRecord(0, Run, DateTimeOffset.UtcNow, LogLevel.Information, new string('x', chars) + sequence)), sequence, sequence - 1)!;

    [Fact]
    public void Many_events_are_packed_in_order_into_messages_under_the_notify_limit()
    {
        var batch = Enumerable.Range(1, 60).Select(i => Log(i, 400)).ToList();

        var messages = ClusterEventPublisher.Pack(batch);

        messages.Should().HaveCountGreaterThan(1).And.OnlyContain(m => Encoding.UTF8.GetByteCount(m) < 8_000);
        messages.SelectMany(ClusterEventEnvelope.DeserializeBatch).Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 60).Select(i => (long)i));
    }

    [Fact]
    public void An_event_too_big_for_one_notify_travels_alone_and_arrives_whole()
    {
        var batch = new[] { Log(1, 100), Log(2, 20_000), Log(3, 100) };

        var messages = ClusterEventPublisher.Pack(batch);

        messages.Should().HaveCount(3);
        var big = (LogWritten)ClusterEventEnvelope.DeserializeBatch(messages[1]).Single().ToEvent()!;
        big.Log.Message.Should().HaveLength(20_001);
        big.ExecutionId.Should().Be(Run);
    }

    [Fact]
    public void Every_event_a_viewer_shows_survives_the_trip_unchanged()
    {
        var now = DateTimeOffset.UtcNow;
        EngineEvent[] events =
        [
            new ExecutionStatusChanged(Run, now, Guid.NewGuid(), ExecutionStatus.Failed, 3, 1, 1, "Boom", "fail", now, now),
            new NodeStatusChanged(Run, now, "fetch", Guid.NewGuid(), NodeExecutionStatus.Succeeded, 1, 3, 12, "main", null, "http-request") { OutputItems = 4 },
            new NodeProgressChanged(Run, now, "loop", new NodeProgress(0.5, 5, 10, "half")),
        ];

        var back = events.Select((e, i) => ClusterEventEnvelope.DeserializeBatch(ClusterEventEnvelope.Serialize([ClusterEventEnvelope.Of(e, i + 1, i)!])).Single().ToEvent());

        back.Should().Equal(events);
    }
}
