using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>A /hooks path and the workflow that owns it (table WebhookPaths). ClaimedAt is Unix milliseconds.</summary>
public sealed class WebhookPathEntity
{
    public string Path { get; set; } = "";
    public string WorkflowId { get; set; } = "";
    public string NodeId { get; set; } = "";
    public long ClaimedAt { get; set; }
}

internal sealed class WebhookPathConfiguration : IEntityTypeConfiguration<WebhookPathEntity>
{
    public void Configure(EntityTypeBuilder<WebhookPathEntity> builder)
    {
        builder.ToTable("WebhookPaths");
        builder.HasKey(p => p.Path);
        builder.HasIndex(p => p.WorkflowId);
    }
}
