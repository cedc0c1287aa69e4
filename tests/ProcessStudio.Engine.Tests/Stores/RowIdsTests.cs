using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Tests.Stores;

/// <summary>
/// A run's node records are read back in (step, start time, id) order, so records of one step started in the same
/// millisecond (a batch in atBoundaries mode) keep their creation order only if ids increase, as text, the way the
/// stores compare them.
/// </summary>
public sealed class RowIdsTests
{
    [Fact]
    public void Ids_made_in_the_same_millisecond_increase_as_text_past_the_counter_of_one_millisecond()
    {
        var now = DateTimeOffset.UtcNow.AddYears(1);
        var ids = Enumerable.Range(0, 5_000).Select(_ => RowIds.New(now).ToString()).ToList();

        ids.Should().OnlyHaveUniqueItems();
        ids.Should().BeInAscendingOrder(StringComparer.Ordinal);
    }

    [Fact]
    public void Ids_are_version_7_and_start_with_their_millisecond()
    {
        var now = DateTimeOffset.UtcNow.AddYears(100);   // later than any id the other tests make, whatever their order
        var id = RowIds.New(now);

        id.Version.Should().Be(7);
        id.Variant.Should().BeInRange(8, 11, "RFC 9562 variant bits 10xx");
        id.ToString("N")[..12].Should().Be(now.ToUnixTimeMilliseconds().ToString("x12"));
    }

    [Fact]
    public void A_later_id_sorts_after_an_earlier_one_across_milliseconds()
    {
        var now = DateTimeOffset.UtcNow.AddYears(3);
        var first = RowIds.New(now).ToString();
        var second = RowIds.New(now.AddMilliseconds(1)).ToString();

        string.CompareOrdinal(first, second).Should().BeNegative();
    }

    [Fact]
    public async Task Threads_drawing_at_once_never_share_an_id_across_refills_of_their_random_buffers()
    {
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Enumerable.Range(0, 1_000).Select(_ => RowIds.New()).ToList())));

        perThread.SelectMany(ids => ids).Should().OnlyHaveUniqueItems();
        perThread.SelectMany(ids => ids).Should().OnlyContain(id => id.Version == 7 && (id.Variant & 0b1100) == 0b1000);
    }
}
