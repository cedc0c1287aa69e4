using ProcessStudio.Engine.Execution.Outbox;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;

namespace ProcessStudio.Engine.Tests.Outbox;

/// <summary>What every outbox store guarantees: claims with a lease that one dispatcher holds at a time, and outcomes.</summary>
public abstract class OutboxStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly CancellationToken Ct = CancellationToken.None;

    protected abstract Task<IOutboxStore> OpenAsync();

    protected IOutboxStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await OpenAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private static OutboxMessage Row(DateTimeOffset due, string type = RunEventTypes.Completed) =>
        OutboxMessage.New(Guid.NewGuid(), type, Guid.NewGuid(), "{}", Now) with { NextAttemptAt = due };

    [Fact]
    public async Task A_claimed_row_belongs_to_one_dispatcher_until_its_lease_expires()
    {
        var row = Row(Now);
        await Store.AddAsync([row], Ct);

        (await Store.ClaimDueAsync("a", Now, Now + Lease, 10, Ct)).Select(m => m.Id).Should().Equal(row.Id);
        (await Store.ClaimDueAsync("b", Now + TimeSpan.FromSeconds(1), Now + Lease, 10, Ct)).Should().BeEmpty("a holds the lease");

        var later = Now + Lease + TimeSpan.FromSeconds(1);
        (await Store.ClaimDueAsync("b", later, later + Lease, 10, Ct)).Select(m => m.Id).Should().Equal([row.Id], "a's lease expired: it may have died");
        (await Store.ReleaseAsync(row with { State = OutboxState.Done }, "a", Ct)).Should().BeFalse("a lost its claim");
        (await Store.ReleaseAsync(row with { State = OutboxState.Done, Attempts = 1, FinishedAt = later }, "b", Ct)).Should().BeTrue();
        var stored = await Store.GetAsync(row.Id, Ct);
        stored!.State.Should().Be(OutboxState.Done);
        stored.ClaimedBy.Should().BeNull();
    }

    [Fact]
    public async Task Dispatchers_claiming_at_once_take_disjoint_rows_and_together_all_of_them()
    {
        var rows = Enumerable.Range(0, 40).Select(i => Row(Now - TimeSpan.FromSeconds(i))).ToList();
        await Store.AddAsync(rows, Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Store.ClaimDueAsync($"d{i}", Now, Now + Lease, 40, Ct)));

        claims.SelectMany(c => c).Select(m => m.Id).Should().BeEquivalentTo(rows.Select(r => r.Id), "each row is claimed once, by one dispatcher");
    }

    [Fact]
    public async Task Only_pending_rows_that_are_due_are_claimed_oldest_due_first_up_to_the_limit()
    {
        var late = Row(Now - TimeSpan.FromSeconds(1));
        var early = Row(Now - TimeSpan.FromSeconds(5));
        var future = Row(Now + TimeSpan.FromMinutes(1));
        var done = Row(Now - TimeSpan.FromSeconds(9)) with { State = OutboxState.Done };
        await Store.AddAsync([late, early, future, done], Ct);

        (await Store.ClaimDueAsync("a", Now, Now + Lease, 1, Ct)).Select(m => m.Id).Should().Equal(early.Id);
        (await Store.ClaimDueAsync("a", Now, Now + Lease, 10, Ct)).Select(m => m.Id).Should().Equal(late.Id);
    }

    [Fact]
    public async Task A_retry_makes_the_row_due_again_at_its_next_attempt_and_adding_a_known_id_changes_nothing()
    {
        var row = Row(Now);
        await Store.AddAsync([row], Ct);
        var claimed = (await Store.ClaimDueAsync("a", Now, Now + Lease, 10, Ct)).Single();
        var retryAt = Now + TimeSpan.FromSeconds(2);
        await Store.ReleaseAsync(claimed with { Attempts = 1, NextAttemptAt = retryAt, LastError = "down" }, "a", Ct);
        await Store.AddAsync([row], Ct);   // a repeated fan-out

        (await Store.ClaimDueAsync("b", Now + TimeSpan.FromSeconds(1), Now + Lease, 10, Ct)).Should().BeEmpty();
        var again = (await Store.ClaimDueAsync("b", retryAt, retryAt + Lease, 10, Ct)).Single();
        again.Attempts.Should().Be(1);
        again.LastError.Should().Be("down");
    }

    [Fact]
    public async Task An_operator_requeues_a_failed_row_and_it_is_due_again_while_done_rows_cannot_be_requeued()
    {
        var failed = Row(Now) with { State = OutboxState.Failed, Attempts = 3, FinishedAt = Now };
        var done = Row(Now) with { State = OutboxState.Done, FinishedAt = Now };
        await Store.AddAsync([failed, done], Ct);
        var later = Now + TimeSpan.FromHours(1);

        (await Store.RequeueAsync(failed.Id, later, Ct)).Should().BeTrue();
        (await Store.RequeueAsync(done.Id, later, Ct)).Should().BeFalse();

        var claimed = (await Store.ClaimDueAsync("a", later, later + Lease, 10, Ct)).Single();
        claimed.Id.Should().Be(failed.Id);
        claimed.Attempts.Should().Be(3, "its history is kept");
    }

    [Fact]
    public async Task Done_rows_are_deleted_after_they_were_kept_and_failed_rows_stay()
    {
        var done = Row(Now) with { State = OutboxState.Done, FinishedAt = Now - TimeSpan.FromDays(8) };
        var failed = Row(Now) with { State = OutboxState.Failed, FinishedAt = Now - TimeSpan.FromDays(8) };
        await Store.AddAsync([done, failed], Ct);

        (await Store.DeleteDoneBeforeAsync(Now - TimeSpan.FromDays(7), Ct)).Should().Be(1);

        (await Store.GetAsync(done.Id, Ct)).Should().BeNull();
        (await Store.QueryAsync(new OutboxQuery { State = OutboxState.Failed }, Ct)).Items.Select(m => m.Id).Should().Equal(failed.Id);
    }
}

public sealed class InMemoryOutboxStoreContract : OutboxStoreContract
{
    protected override Task<IOutboxStore> OpenAsync() => Task.FromResult<IOutboxStore>(new InMemoryOutboxStore());
}
