using ProcessStudio.Engine.Execution.Lifecycle;

namespace ProcessStudio.Engine.Tests.Lifecycle;

/// <summary>One mailbox per execution: its messages run one at a time in arrival order; other executions are not held up.</summary>
public sealed class ExecutionCoordinatorTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);
    private readonly ExecutionCoordinator _coordinator = new();

    [Fact]
    public async Task Messages_to_one_execution_run_one_at_a_time_in_the_order_they_were_sent()
    {
        var id = Guid.NewGuid();
        var inside = 0;
        var mostInside = 0;
        var order = new List<int>();

        var sends = Enumerable.Range(0, 50).Select(i => _coordinator.SendAsync(id, async _ =>
        {
            mostInside = Math.Max(mostInside, Interlocked.Increment(ref inside));
            await Task.Yield();
            lock (order) order.Add(i);
            Interlocked.Decrement(ref inside);
            return i;
        }, CancellationToken.None)).ToList();

        (await Task.WhenAll(sends).WaitAsync(Limit)).Should().Equal(Enumerable.Range(0, 50));
        order.Should().Equal(Enumerable.Range(0, 50));
        mostInside.Should().Be(1);
        SpinWait.SpinUntil(() => _coordinator.ActiveMailboxes == 0, Limit).Should().BeTrue("an idle execution keeps no mailbox");
    }

    [Fact]
    public async Task A_busy_execution_does_not_hold_up_another()
    {
        var release = new TaskCompletionSource();
        var busy = _coordinator.SendAsync(Guid.NewGuid(), async _ => { await release.Task; return 1; }, CancellationToken.None);

        var other = await _coordinator.SendAsync(Guid.NewGuid(), _ => Task.FromResult(2), CancellationToken.None).WaitAsync(Limit);

        other.Should().Be(2);
        busy.IsCompleted.Should().BeFalse();
        release.SetResult();
        (await busy.WaitAsync(Limit)).Should().Be(1);
    }

    [Fact]
    public async Task A_failing_message_reaches_its_sender_and_the_next_message_still_runs()
    {
        var id = Guid.NewGuid();

        var failing = _coordinator.SendAsync<int>(id, _ => throw new InvalidOperationException("refused"), CancellationToken.None);
        var next = _coordinator.SendAsync(id, _ => Task.FromResult(3), CancellationToken.None);

        await failing.Awaiting(t => t.WaitAsync(Limit)).Should().ThrowAsync<InvalidOperationException>().WithMessage("refused");
        (await next.WaitAsync(Limit)).Should().Be(3);
    }

    [Fact]
    public async Task A_message_whose_sender_gave_up_while_it_waited_is_not_run()
    {
        var id = Guid.NewGuid();
        var release = new TaskCompletionSource();
        var first = _coordinator.SendAsync(id, async _ => { await release.Task; return 1; }, CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var ran = false;

        var second = _coordinator.SendAsync(id, _ => { ran = true; return Task.FromResult(2); }, giveUp.Token);
        giveUp.Cancel();
        release.SetResult();

        await first.WaitAsync(Limit);
        await second.Awaiting(t => t.WaitAsync(Limit)).Should().ThrowAsync<OperationCanceledException>();
        ran.Should().BeFalse();
    }
}
