namespace ProcessStudio.Engine.Persistence;

/// <summary>
/// Ids of the rows a run writes (the run itself, its node records). They are time-ordered (UUID version 7), so the
/// store's indexes keyed by them, or by the run's id, grow at their end: a step then adds to the pages the previous
/// step wrote instead of dirtying a random page of each index.
/// </summary>
public static class RowIds
{
    public static Guid New() => Guid.CreateVersion7();
}
