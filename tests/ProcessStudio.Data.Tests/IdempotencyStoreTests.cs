using ProcessStudio.Data.Idempotency;
using ProcessStudio.Data.Tests.Support;

namespace ProcessStudio.Data.Tests;

/// <summary>The stored idempotency keys: one claim per caller and key, replays within 24 h, and a fresh claim after.</summary>
public abstract class IdempotencyStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;
    private IIdempotencyStore Store => _db.Get<IIdempotencyStore>();
    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_completed_key_replays_its_run_and_refuses_another_request_until_it_expires()
    {
        var run = Guid.NewGuid();
        (await Store.ClaimAsync("user:1", "k", "body-a", T0, Ct)).Should().BeOfType<IdempotencyClaim.Claimed>();
        (await Store.ClaimAsync("user:1", "k", "body-a", T0.AddSeconds(1), Ct)).Should().BeOfType<IdempotencyClaim.InProgress>();
        await Store.CompleteAsync("user:1", "k", run, Ct);

        (await Store.ClaimAsync("user:1", "k", "body-a", T0.AddHours(23), Ct)).Should().Be(new IdempotencyClaim.Replay(run));
        (await Store.ClaimAsync("user:1", "k", "body-b", T0.AddHours(23), Ct)).Should().BeOfType<IdempotencyClaim.Mismatch>();
        (await Store.ClaimAsync("user:2", "k", "body-b", T0.AddHours(23), Ct)).Should().BeOfType<IdempotencyClaim.Claimed>("keys are per caller");
        (await Store.ClaimAsync("user:1", "k", "body-b", T0.AddHours(25), Ct)).Should().BeOfType<IdempotencyClaim.Claimed>("the key expired");
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again()
    {
        await Store.ClaimAsync("user:1", "retry", "body", T0, Ct);
        await Store.ReleaseAsync("user:1", "retry", Ct);

        (await Store.ClaimAsync("user:1", "retry", "body", T0, Ct)).Should().BeOfType<IdempotencyClaim.Claimed>();
    }
}
