using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Stores;

/// <summary>The in-memory store checks the expected version under the same lock as the write, like the database does.</summary>
public sealed class InMemoryWorkflowStoreConcurrencyTests
{
    private readonly IWorkflowStore _store = new InMemoryWorkflowStore(TimeProvider.System);
    private static CancellationToken Ct => CancellationToken.None;

    private static WorkflowDefinition Workflow() => new WorkflowBuilder("raced").Trigger().Build();

    [Fact]
    public async Task Of_many_saves_expecting_the_same_version_exactly_one_wins()
    {
        var definition = Workflow();
        await _store.SaveAsync(definition, null, ExpectedVersion.New, Ct);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _store.SaveAsync(definition, null, ExpectedVersion.At(1), Ct);
                return (int?)null;
            }
            catch (WorkflowVersionConflictException ex)
            {
                return ex.CurrentVersion;
            }
        })));

        outcomes.Count(o => o is null).Should().Be(1);
        outcomes.Where(o => o is not null).Should().AllSatisfy(o => o.Should().Be(2));
    }

    [Fact]
    public async Task Create_of_a_taken_id_and_delete_of_a_stale_version_are_refused()
    {
        var definition = Workflow();
        await _store.SaveAsync(definition, null, ExpectedVersion.New, Ct);

        var create = () => _store.SaveAsync(definition, null, ExpectedVersion.New, Ct);
        var delete = () => _store.DeleteAsync(definition.Id, ExpectedVersion.At(2), Ct);

        await create.Should().ThrowAsync<WorkflowVersionConflictException>();
        await delete.Should().ThrowAsync<WorkflowVersionConflictException>();
        (await _store.DeleteAsync(definition.Id, ExpectedVersion.At(1), Ct)).Should().BeTrue();
    }
}
