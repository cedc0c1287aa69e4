using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>One claimed fire time of a schedule and the execution id its run was given.</summary>
public sealed class ScheduleFireEntity
{
    public string WorkflowId { get; set; } = "";
    public long ScheduledFor { get; set; }
    public string ExecutionId { get; set; } = "";
    public long ClaimedAt { get; set; }
    public string TimeZone { get; set; } = "";
    public bool CatchUp { get; set; }
    public bool Started { get; set; }
}

internal sealed class ScheduleFireConfiguration : IEntityTypeConfiguration<ScheduleFireEntity>
{
    public void Configure(EntityTypeBuilder<ScheduleFireEntity> e)
    {
        e.ToTable("ScheduleFires");
        e.HasKey(x => new { x.WorkflowId, x.ScheduledFor });
        e.HasOne<WorkflowScheduleEntity>().WithMany().HasForeignKey(x => x.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.Started);
    }
}
