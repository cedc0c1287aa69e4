using ProcessStudio.Data.Tests.Support;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Tests;

/// <summary>The SQLite store checks the expected version inside the write transaction: of racing writers exactly one wins.</summary>
public abstract class WorkflowStoreConcurrencyTests(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(provider);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Of_two_saves_expecting_the_same_version_one_wins_and_the_other_learns_the_current_version()
    {
        var definition = TestData.Workflow("Raced");
        await _db.Workflows.SaveAsync(definition, null, ExpectedVersion.New, Ct);

        for (var expected = 1; expected <= 20; expected++)
        {
            var saves = Enumerable.Range(0, 2).Select(_ => Outcome(_db.Workflows.SaveAsync(definition, null, ExpectedVersion.At(expected), Ct))).ToList();
            var outcomes = await Task.WhenAll(saves);

            outcomes.Count(o => o.Saved).Should().Be(1);
            outcomes.Single(o => !o.Saved).Conflict!.CurrentVersion.Should().Be(expected + 1);
        }
        (await _db.Workflows.GetLatestVersionNumberAsync(definition.Id, Ct)).Should().Be(21);
    }

    [Fact]
    public async Task A_create_of_an_existing_id_is_refused_without_writing()
    {
        var definition = TestData.Workflow("Taken");
        await _db.Workflows.SaveAsync(definition, null, ExpectedVersion.New, Ct);

        var act = () => _db.Workflows.SaveAsync(definition, null, ExpectedVersion.New, Ct);

        (await act.Should().ThrowAsync<WorkflowVersionConflictException>()).Which.CurrentVersion.Should().Be(1);
        (await _db.Workflows.ListVersionsAsync(definition.Id, Ct)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_delete_expecting_an_older_version_is_refused_and_an_unknown_id_is_just_absent()
    {
        var definition = TestData.Workflow("Kept");
        await _db.Workflows.SaveAsync(definition, null, Ct);
        await _db.Workflows.SaveAsync(definition, null, Ct);

        var stale = () => _db.Workflows.DeleteAsync(definition.Id, ExpectedVersion.At(1), Ct);

        (await stale.Should().ThrowAsync<WorkflowVersionConflictException>()).Which.CurrentVersion.Should().Be(2);
        (await _db.Workflows.DeleteAsync(Guid.NewGuid(), ExpectedVersion.At(1), Ct)).Should().BeFalse();
        (await _db.Workflows.DeleteAsync(definition.Id, ExpectedVersion.At(2), Ct)).Should().BeTrue();
    }

    private static async Task<(bool Saved, WorkflowVersionConflictException? Conflict)> Outcome(Task<WorkflowVersion> save)
    {
        try
        {
            await save;
            return (true, null);
        }
        catch (WorkflowVersionConflictException ex)
        {
            return (false, ex);
        }
    }
}
