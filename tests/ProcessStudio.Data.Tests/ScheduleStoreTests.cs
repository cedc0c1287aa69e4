using FluentAssertions;
using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Scheduling;

namespace ProcessStudio.Data.Tests;

/// <summary>The SQLite schedule store's claim: one transaction, an optimistic check, one fire per (workflow, fire time).</summary>
public abstract class ScheduleStoreTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly DateTimeOffset NineAm = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;
    private Guid _workflowId;

    private IScheduleStore Store => _db.Get<IScheduleStore>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(provider);
        _workflowId = (await _db.Workflows.SaveAsync(TestData.Workflow("Nightly"), null, Ct)).WorkflowId;
        await Store.SaveAsync(new WorkflowSchedule(_workflowId, true, "0 9 * * *", "Europe/Berlin", MisfirePolicy.RunOnce, 1,
            NineAm, null, NineAm.AddDays(-1)), Ct);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_schedule_round_trips_with_its_policy_and_times()
    {
        var stored = await Store.GetAsync(_workflowId, Ct);

        stored.Should().Be(new WorkflowSchedule(_workflowId, true, "0 9 * * *", "Europe/Berlin", MisfirePolicy.RunOnce, 1, NineAm, null, NineAm.AddDays(-1)));
        (await Store.ListDueAsync(NineAm.AddSeconds(-1), Ct)).Should().BeEmpty();
        (await Store.ListDueAsync(NineAm, Ct)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_claim_advances_and_records_the_fire_together_and_a_second_claim_writes_nothing()
    {
        var fire = Fire(Guid.NewGuid());
        (await Store.TryAdvanceAsync(_workflowId, NineAm, NineAm.AddDays(1), fire, Ct)).Should().BeTrue();
        (await Store.TryAdvanceAsync(_workflowId, NineAm, NineAm.AddDays(1), Fire(Guid.NewGuid()), Ct)).Should().BeFalse();

        var stored = await Store.GetAsync(_workflowId, Ct);
        stored!.NextFireAt.Should().Be(NineAm.AddDays(1));
        stored.LastFiredAt.Should().Be(fire.ClaimedAt);
        (await Store.ListFiresAsync(_workflowId, Ct)).Should().Equal(fire);
        (await Store.ListUnstartedFiresAsync(Ct)).Should().Equal(fire);

        await Store.MarkStartedAsync(_workflowId, NineAm, Ct);
        (await Store.ListUnstartedFiresAsync(Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task An_inactive_schedule_cannot_be_claimed()
    {
        var stored = await Store.GetAsync(_workflowId, Ct);
        await Store.SaveAsync(stored! with { Active = false }, Ct);

        (await Store.TryAdvanceAsync(_workflowId, NineAm, NineAm.AddDays(1), Fire(Guid.NewGuid()), Ct)).Should().BeFalse();
        (await Store.ListFiresAsync(_workflowId, Ct)).Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_the_workflow_deletes_its_schedule_and_fires()
    {
        await Store.TryAdvanceAsync(_workflowId, NineAm, NineAm.AddDays(1), Fire(Guid.NewGuid()), Ct);

        (await _db.Workflows.DeleteAsync(_workflowId, Ct)).Should().BeTrue();

        (await Store.GetAsync(_workflowId, Ct)).Should().BeNull();
        (await Store.ListFiresAsync(_workflowId, Ct)).Should().BeEmpty();
    }

    private ScheduleFire Fire(Guid executionId) =>
        new(_workflowId, NineAm, executionId, NineAm.AddMilliseconds(250), "Europe/Berlin", CatchUp: false, Started: false);
}
