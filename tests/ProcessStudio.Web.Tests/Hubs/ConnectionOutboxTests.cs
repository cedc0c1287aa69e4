using ProcessStudio.Web.Hubs;

namespace ProcessStudio.Web.Tests.Hubs;

public sealed class ConnectionOutboxTests
{
    [Fact]
    public async Task Messages_within_capacity_are_kept_in_order()
    {
        var outbox = new ConnectionOutbox<int>(capacity: 3);

        var posted = new[] { outbox.TryPost(1), outbox.TryPost(2), outbox.TryPost(3) };
        outbox.Close();

        posted.Should().AllBeEquivalentTo(true);
        outbox.Overflowed.Should().BeFalse();
        var read = new List<int>();
        await foreach (var message in outbox.ReadAllAsync(CancellationToken.None)) read.Add(message);
        read.Should().Equal(1, 2, 3);
    }

    [Fact]
    public void A_post_beyond_capacity_fails_and_closes_the_outbox_for_good()
    {
        var outbox = new ConnectionOutbox<int>(capacity: 2);
        outbox.TryPost(1);
        outbox.TryPost(2);

        var overflowing = outbox.TryPost(3);

        overflowing.Should().BeFalse();
        outbox.Overflowed.Should().BeTrue();
        outbox.TryPost(4).Should().BeFalse("a dropped connection does not resume half-way through the stream");
    }

    [Fact]
    public async Task A_reader_keeping_up_never_overflows()
    {
        var outbox = new ConnectionOutbox<int>(capacity: 2);
        var received = new List<int>();
        var reading = Task.Run(async () =>
        {
            await foreach (var message in outbox.ReadAllAsync(CancellationToken.None)) received.Add(message);
        });

        for (var i = 0; i < 100; i++)
        {
            outbox.TryPost(i).Should().BeTrue();
            while (outbox.Pending > 0) await Task.Yield();   // the client took it
        }
        outbox.Close();
        await reading;

        received.Should().Equal(Enumerable.Range(0, 100));
    }

    [Fact]
    public void Posting_after_a_normal_close_fails_without_reporting_an_overflow()
    {
        var outbox = new ConnectionOutbox<int>(capacity: 2);

        outbox.Close();

        outbox.TryPost(1).Should().BeFalse();
        outbox.Overflowed.Should().BeFalse();
    }
}
