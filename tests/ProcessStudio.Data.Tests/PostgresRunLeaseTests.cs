using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

/// <summary>Run leases as several instances on one PostgreSQL database see them.</summary>
public sealed class PostgresRunLeaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = TestData.BaseTime;
    private static CancellationToken Ct => CancellationToken.None;
    private TestDatabase _db = null!;
    private IRunLeaseStore Leases => _db.Get<IRunLeaseStore>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_live_lease_belongs_to_one_instance_until_it_expires_and_then_to_the_next()
    {
        var run = Guid.NewGuid();

        (await Leases.TryAcquireAsync(run, "a", Now, Now.AddSeconds(10), Ct)).Should().BeTrue();
        (await Leases.TryAcquireAsync(run, "b", Now.AddSeconds(5), Now.AddSeconds(15), Ct)).Should().BeFalse("a's lease is still live");
        (await Leases.TryAcquireAsync(run, "a", Now.AddSeconds(5), Now.AddSeconds(15), Ct)).Should().BeTrue("the owner may take its lease again");
        (await Leases.TryAcquireAsync(run, "b", Now.AddSeconds(16), Now.AddSeconds(26), Ct)).Should().BeTrue("a stopped renewing");

        (await Leases.RenewAsync([run], "a", Now.AddSeconds(30), Ct)).Should().Equal([run], "a learns that b took the run over");
        (await Leases.RenewAsync([run], "b", Now.AddSeconds(30), Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_holder_is_the_owner_of_the_live_lease_and_nobody_once_it_expired_or_was_released()
    {
        var run = Guid.NewGuid();
        (await Leases.HolderAsync(run, Now, Ct)).Should().BeNull("nobody took it");

        await Leases.TryAcquireAsync(run, "a", Now, Now.AddSeconds(10), Ct);

        (await Leases.HolderAsync(run, Now.AddSeconds(5), Ct)).Should().Be("a");
        (await Leases.HolderAsync(run, Now.AddSeconds(11), Ct)).Should().BeNull("a stopped renewing");
        await Leases.ReleaseAsync(run, "a", Ct);
        (await Leases.HolderAsync(run, Now.AddSeconds(5), Ct)).Should().BeNull("a let it go");
    }

    [Fact]
    public async Task Of_many_instances_acquiring_one_run_at_once_exactly_one_wins()
    {
        var run = Guid.NewGuid();

        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Leases.TryAcquireAsync(run, $"i{i}", Now, Now.AddSeconds(10), Ct)));

        wins.Count(w => w).Should().Be(1);
    }

    [Fact]
    public async Task Orphaned_runs_are_divided_between_concurrent_scans_and_live_or_parked_runs_are_left_alone()
    {
        var orphans = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            var run = TestData.Execution(status: i % 2 == 0 ? ExecutionStatus.Running : ExecutionStatus.Pending);
            await _db.Executions.CreateAsync(run, null, Ct);
            orphans.Add(run.Id);
        }
        var owned = TestData.Execution(status: ExecutionStatus.Running);
        var waiting = TestData.Execution(status: ExecutionStatus.Waiting);
        await _db.Executions.CreateAsync(owned, null, Ct);
        await _db.Executions.CreateAsync(waiting, null, Ct);
        await Leases.TryAcquireAsync(owned.Id, "alive", Now, Now.AddMinutes(1), Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Leases.ClaimOrphansAsync($"scan{i}", Now, Now.AddSeconds(30), 20, Ct)));

        claims.SelectMany(c => c).Should().BeEquivalentTo(orphans, "every orphan is claimed once, by one scan");
        (await Leases.ClaimOrphansAsync("late", Now.AddSeconds(10), Now.AddSeconds(40), 20, Ct)).Should().BeEmpty("the claims are live leases now");
        (await Leases.ClaimOrphansAsync("later", Now.AddSeconds(31), Now.AddSeconds(60), 50, Ct))
            .Should().BeEquivalentTo(orphans, "claims not renewed expire; the run with a live lease and the waiting run stay where they are");
    }
}
