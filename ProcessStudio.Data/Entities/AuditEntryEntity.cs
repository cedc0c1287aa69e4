using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>Storage shape of one audit entry: who did what to which target, and when (Unix milliseconds, UTC).</summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public long Timestamp { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string TargetType { get; set; } = "";
    public string? TargetId { get; set; }
    public string? TargetName { get; set; }
    public string? Detail { get; set; }
}

public sealed class AuditEntryEntityConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AuditEntryEntity> e)
    {
        e.ToTable("AuditEntries");
        e.HasKey(a => a.Id);
        e.HasIndex(a => a.Timestamp);
        e.HasIndex(a => a.TargetId);
    }
}
