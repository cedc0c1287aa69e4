using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>A workflow's activation and next fire time (times are Unix milliseconds, UTC). See 0003_workflow_schedules.sql.</summary>
public sealed class WorkflowScheduleEntity
{
    public string WorkflowId { get; set; } = "";
    public bool Active { get; set; }
    public string Cron { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public string MisfirePolicy { get; set; } = "";
    public int WorkflowVersion { get; set; }
    public long? NextFireAt { get; set; }
    public long? LastFiredAt { get; set; }
    public long UpdatedAt { get; set; }
}

internal sealed class WorkflowScheduleConfiguration : IEntityTypeConfiguration<WorkflowScheduleEntity>
{
    public void Configure(EntityTypeBuilder<WorkflowScheduleEntity> e)
    {
        e.ToTable("WorkflowSchedules");
        e.HasKey(x => x.WorkflowId);
        e.HasOne<WorkflowEntity>().WithOne().HasForeignKey<WorkflowScheduleEntity>(x => x.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.Active, x.NextFireAt });
    }
}
