using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;

namespace ProcessStudio.Engine.Tests.Stores;

/// <summary>What every <see cref="ILockStore"/> guarantees: one holder per key, and waiters served in arrival order.</summary>
public abstract class LockStoreContract
{
    protected abstract Task<ILockStore> OpenAsync();

    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch.AddYears(56);
    private static CancellationToken Ct => CancellationToken.None;

    private static LockHolder Holder() => new(Guid.NewGuid(), Guid.NewGuid());

    [Fact]
    public async Task A_free_key_goes_to_the_waiters_in_the_order_they_first_asked()
    {
        var store = await OpenAsync();
        var (a, b, c, d) = (Holder(), Holder(), Holder(), Holder());

        (await store.TryAcquireAsync("k", a, "lock", Now, Ct)).Should().BeNull();
        (await store.TryAcquireAsync("k", b, "lock", Now, Ct)).Should().Be(a);
        (await store.TryAcquireAsync("k", c, "lock", Now, Ct)).Should().Be(a);
        (await store.TryAcquireAsync("k", d, "lock", Now, Ct)).Should().Be(a);
        (await store.ReleaseAsync("k", a.ExecutionId, Ct)).Should().BeTrue();

        (await store.TryAcquireAsync("k", d, "lock", Now, Ct)).Should().Be(b, "the key is free, but b asked first");
        (await store.TryAcquireAsync("k", c, "lock", Now, Ct)).Should().Be(b);
        (await store.TryAcquireAsync("k", b, "lock", Now, Ct)).Should().BeNull();
        (await store.TryAcquireAsync("k", b, "lock", Now, Ct)).Should().BeNull("asking again while holding it changes nothing");
        (await store.ReleaseAsync("k", b.ExecutionId, Ct)).Should().BeTrue();
        (await store.TryAcquireAsync("k", d, "lock", Now, Ct)).Should().Be(c, "asking again keeps d's place behind c");
        (await store.TryAcquireAsync("k", c, "lock", Now, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task A_waiter_that_leaves_the_queue_or_whose_run_ends_no_longer_blocks_the_ones_behind_it()
    {
        var store = await OpenAsync();
        var (holder, timedOut, ended, next) = (Holder(), Holder(), Holder(), Holder());
        await store.TryAcquireAsync("k", holder, "lock", Now, Ct);
        await store.TryAcquireAsync("k", timedOut, "lock", Now, Ct);
        await store.TryAcquireAsync("k", ended, "lock", Now, Ct);
        await store.TryAcquireAsync("k", next, "lock", Now, Ct);

        await store.LeaveQueueAsync("k", timedOut, Ct);
        await store.ReleaseAllAsync(ended.ExecutionId, Ct);
        await store.ReleaseAsync("k", holder.ExecutionId, Ct);

        (await store.TryAcquireAsync("k", next, "lock", Now, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Queues_are_per_key()
    {
        var store = await OpenAsync();
        var (a, b, c) = (Holder(), Holder(), Holder());
        await store.TryAcquireAsync("one", a, "lock", Now, Ct);
        await store.TryAcquireAsync("one", b, "lock", Now, Ct);

        (await store.TryAcquireAsync("two", c, "lock", Now, Ct)).Should().BeNull();
    }
}

public sealed class InMemoryLockStoreTests : LockStoreContract
{
    protected override Task<ILockStore> OpenAsync() => Task.FromResult<ILockStore>(new InMemoryLockStore());
}
