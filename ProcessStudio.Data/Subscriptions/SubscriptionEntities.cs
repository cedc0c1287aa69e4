using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Subscriptions;

/// <summary>One event subscription (schema: Migrations/Scripts/0013_event_subscriptions.sql).</summary>
public sealed class EventSubscriptionEntity
{
    public string Id { get; set; } = "";
    public string Url { get; set; } = "";
    public string Events { get; set; } = "[]";
    public string? WorkflowId { get; set; }
    public string SealedSecret { get; set; } = "";
    public long CreatedAt { get; set; }
}

public sealed class EventDeliveryAttemptEntity
{
    public long Id { get; set; }
    public string SubscriptionId { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string EventType { get; set; } = "";
    public int Attempt { get; set; }
    public long At { get; set; }
    public int? StatusCode { get; set; }
    public string? Response { get; set; }
    public string? Error { get; set; }
    public long DurationMs { get; set; }
}

internal sealed class EventSubscriptionConfiguration : IEntityTypeConfiguration<EventSubscriptionEntity>
{
    public void Configure(EntityTypeBuilder<EventSubscriptionEntity> e)
    {
        e.ToTable("EventSubscriptions");
        e.HasKey(x => x.Id);
    }
}

internal sealed class EventDeliveryAttemptConfiguration : IEntityTypeConfiguration<EventDeliveryAttemptEntity>
{
    public void Configure(EntityTypeBuilder<EventDeliveryAttemptEntity> e)
    {
        e.ToTable("EventDeliveryAttempts");
        e.HasKey(x => x.Id);
        e.HasOne<EventSubscriptionEntity>().WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.SubscriptionId, x.At });
    }
}
