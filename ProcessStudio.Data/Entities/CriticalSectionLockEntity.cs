namespace ProcessStudio.Data.Entities;

/// <summary>A held critical-section lock (table CriticalSectionLocks). AcquiredAt is Unix milliseconds.</summary>
public sealed class CriticalSectionLockEntity
{
    public string Key { get; set; } = "";
    public string ExecutionId { get; set; } = "";
    public string HolderId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public long AcquiredAt { get; set; }
}
