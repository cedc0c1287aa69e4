namespace ProcessStudio.Data.Entities;

/// <summary>
/// A Lock node waiting for a critical-section key (table CriticalSectionWaiters). Id grows with arrival, so the lowest
/// Id of a key is first in line. EnqueuedAt is Unix milliseconds.
/// </summary>
public sealed class CriticalSectionWaiterEntity
{
    public long Id { get; set; }
    public string Key { get; set; } = "";
    public string ExecutionId { get; set; } = "";
    public string HolderId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public long EnqueuedAt { get; set; }
}
