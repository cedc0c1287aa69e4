using ProcessStudio.Engine.Execution.Runtime;

namespace ProcessStudio.Engine.Tests.Runtime;

/// <summary>Node-execution record ids come from a buffer of random bytes: they must stay unique random (version 4) GUIDs across refills.</summary>
public sealed class RecordIdsTests
{
    [Fact]
    public void Ids_drawn_across_many_refills_are_distinct_version_4_guids()
    {
        var ids = Enumerable.Range(0, 5_000).Select(_ => RecordIds.New()).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().OnlyContain(id => id.Version == 4 && (id.Variant & 0b1100) == 0b1000 && id != Guid.Empty);
    }

    [Fact]
    public async Task Threads_drawing_at_once_never_share_an_id()
    {
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 1_000).Select(_ => RecordIds.New()).ToList())));

        perThread.SelectMany(ids => ids).Should().OnlyHaveUniqueItems();
    }
}
