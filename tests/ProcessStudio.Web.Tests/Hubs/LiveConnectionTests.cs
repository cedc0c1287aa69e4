using Microsoft.Extensions.Logging.Abstractions;
using ProcessStudio.Web.Hubs;

namespace ProcessStudio.Web.Tests.Hubs;

/// <summary>The per-connection backpressure contract: a client that stops reading is dropped, and nobody waits for it.</summary>
public sealed class LiveConnectionTests
{
    private static readonly Guid Run = Guid.NewGuid();
    private static readonly Guid Workflow = Guid.NewGuid();

    private static LiveMessage Message(int n, Guid? executionId = null, Guid? workflowId = null) =>
        new(LiveMethods.Log, executionId ?? Run, workflowId ?? Workflow, n);

    [Fact]
    public async Task A_client_that_stops_reading_is_aborted_once_its_outbox_overflows_and_offers_never_wait()
    {
        var stuck = new TaskCompletionSource();   // the client's transport never drains
        var sent = 0;
        var aborts = 0;
        await using var connection = new LiveConnection("slow", capacity: 4,
            async (_, cancellationToken) => { Interlocked.Increment(ref sent); await stuck.Task.WaitAsync(cancellationToken); },
            () => Interlocked.Increment(ref aborts), NullLogger.Instance);
        connection.JoinAll();

        var offering = Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++) connection.Offer(Message(i));
        });
        await offering.WaitAsync(TimeSpan.FromSeconds(10));   // completes although the client takes nothing

        aborts.Should().Be(1);
        sent.Should().BeLessThanOrEqualTo(1, "the one send in flight is the only one started before the drop");
    }

    [Fact]
    public async Task A_client_that_keeps_up_receives_every_message_in_order()
    {
        var received = new List<int>();
        var aborts = 0;
        var connection = new LiveConnection("fast", capacity: 4,
            (message, _) => { lock (received) received.Add((int)message.Payload); return Task.CompletedTask; },
            () => aborts++, NullLogger.Instance);
        connection.JoinAll();

        for (var i = 0; i < 50; i++)
        {
            connection.Offer(Message(i));
            while (true) { lock (received) if (received.Count == i + 1) break; await Task.Yield(); }
        }
        await connection.DisposeAsync();

        received.Should().Equal(Enumerable.Range(0, 50));
        aborts.Should().Be(0);
    }

    [Fact]
    public async Task Offers_to_a_disconnected_client_are_ignored_rather_than_treated_as_falling_behind()
    {
        var aborts = 0;
        var connection = new LiveConnection("gone", capacity: 1, (_, _) => Task.CompletedTask, () => aborts++, NullLogger.Instance);
        connection.JoinAll();

        await connection.DisposeAsync();
        connection.Offer(Message(1));
        connection.Offer(Message(2));

        aborts.Should().Be(0);
    }

    [Fact]
    public async Task A_connection_wants_the_messages_of_the_groups_it_joined()
    {
        await using var connection = new LiveConnection("groups", 4, (_, _) => Task.CompletedTask, () => { }, NullLogger.Instance);
        var otherRun = Guid.NewGuid();
        var otherWorkflow = Guid.NewGuid();

        connection.Wants(Message(0)).Should().BeFalse("no group joined yet");
        connection.JoinExecution(Run);
        connection.Wants(Message(0)).Should().BeTrue();
        connection.Wants(Message(0, otherRun, otherWorkflow)).Should().BeFalse();
        connection.JoinWorkflow(otherWorkflow);
        connection.Wants(Message(0, otherRun, otherWorkflow)).Should().BeTrue();
        connection.LeaveWorkflow(otherWorkflow);
        connection.LeaveExecution(Run);
        connection.Wants(Message(0)).Should().BeFalse();
        connection.JoinAll();
        connection.Wants(Message(0, otherRun, otherWorkflow)).Should().BeTrue();
    }
}
