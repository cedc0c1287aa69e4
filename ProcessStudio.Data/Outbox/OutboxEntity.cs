using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Outbox;

/// <summary>One outbox row (schema: Migrations/Scripts/0012_outbox.sql).</summary>
public sealed class OutboxEntity
{
    public string Id { get; set; } = "";
    public string Type { get; set; } = "";
    public string? ExecutionId { get; set; }
    public string? SubscriptionId { get; set; }
    public string Payload { get; set; } = "";
    public long CreatedAt { get; set; }
    public int State { get; set; }
    public int Attempts { get; set; }
    public long NextAttemptAt { get; set; }
    public string? ClaimedBy { get; set; }
    public long? ClaimedUntil { get; set; }
    public string? LastError { get; set; }
    public long? FinishedAt { get; set; }
}

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxEntity>
{
    public void Configure(EntityTypeBuilder<OutboxEntity> e)
    {
        e.ToTable("Outbox");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.State, x.NextAttemptAt });
        e.HasIndex(x => x.ExecutionId);
        e.HasIndex(x => new { x.SubscriptionId, x.CreatedAt });
    }
}
