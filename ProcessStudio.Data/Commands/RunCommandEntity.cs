using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Commands;

/// <summary>One command for a run driven by another instance (schema: Migrations/Scripts/0017_run_commands.sql).</summary>
public sealed class RunCommandEntity
{
    public string Id { get; set; } = "";
    public string ExecutionId { get; set; } = "";
    public int Kind { get; set; }
    public string? NodeId { get; set; }
    public string? Payload { get; set; }
    public long CreatedAt { get; set; }
    public int State { get; set; }
    public string? ClaimedBy { get; set; }
    public long? ClaimedAt { get; set; }
    public int? Result { get; set; }
    public int? Status { get; set; }
    public string? Message { get; set; }
    public string? Subject { get; set; }
    public long? FinishedAt { get; set; }
}

internal sealed class RunCommandConfiguration : IEntityTypeConfiguration<RunCommandEntity>
{
    public void Configure(EntityTypeBuilder<RunCommandEntity> e)
    {
        e.ToTable("RunCommands");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.ExecutionId, x.State });
        e.HasIndex(x => x.CreatedAt);
    }
}
