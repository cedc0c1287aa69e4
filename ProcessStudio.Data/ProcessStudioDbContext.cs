using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;

namespace ProcessStudio.Data;

/// <summary>
/// EF Core view of the schema. The schema itself is owned by the SQL migrations (see Migrations/Scripts);
/// this model only maps onto it, so keep both in step when adding a migration.
/// </summary>
public sealed class ProcessStudioDbContext(DbContextOptions<ProcessStudioDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring when instances share PostgreSQL, so a cookie or secret protected on one instance opens on another.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<WorkflowEntity> Workflows => Set<WorkflowEntity>();
    public DbSet<WorkflowVersionEntity> WorkflowVersions => Set<WorkflowVersionEntity>();
    public DbSet<ExecutionEntity> Executions => Set<ExecutionEntity>();
    public DbSet<NodeExecutionEntity> NodeExecutions => Set<NodeExecutionEntity>();
    public DbSet<ExecutionLogEntity> ExecutionLogs => Set<ExecutionLogEntity>();
    public DbSet<CheckpointEntity> Checkpoints => Set<CheckpointEntity>();
    public DbSet<CheckpointHistoryEntity> CheckpointHistory => Set<CheckpointHistoryEntity>();
    public DbSet<ExecutionValueEntity> ExecutionValues => Set<ExecutionValueEntity>();
    public DbSet<ExecutionStatusEntity> ExecutionStatuses => Set<ExecutionStatusEntity>();
    public DbSet<CriticalSectionLockEntity> CriticalSectionLocks => Set<CriticalSectionLockEntity>();
    public DbSet<CriticalSectionWaiterEntity> CriticalSectionWaiters => Set<CriticalSectionWaiterEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WorkflowEntity>(e =>
        {
            e.ToTable("Workflows");
            e.HasKey(w => w.Id);
            e.HasMany(w => w.Versions).WithOne().HasForeignKey(v => v.WorkflowId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<WorkflowVersionEntity>(e =>
        {
            e.ToTable("WorkflowVersions");
            e.HasKey(v => new { v.WorkflowId, v.Version });
        });
        modelBuilder.Entity<ExecutionEntity>(e =>
        {
            e.ToTable("Executions");
            e.HasKey(x => x.Id);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasOne<ExecutionStatusEntity>().WithMany().HasForeignKey(x => x.Status);
            e.HasIndex(x => new { x.WorkflowId, x.CreatedAt });
            e.HasIndex(x => new { x.Status, x.CreatedAt });
            e.HasIndex(x => x.Mode);
            e.HasIndex(x => x.CreatedAt);
        });
        modelBuilder.Entity<NodeExecutionEntity>(e =>
        {
            e.ToTable("NodeExecutions");
            e.HasKey(x => x.Id);
            e.HasOne<ExecutionEntity>().WithMany().HasForeignKey(x => x.ExecutionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ExecutionId, x.Step });
        });
        modelBuilder.Entity<ExecutionLogEntity>(e =>
        {
            e.ToTable("ExecutionLogs");
            e.HasKey(x => x.Id);
            e.HasOne<ExecutionEntity>().WithMany().HasForeignKey(x => x.ExecutionId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.ExecutionId, x.Id });
            e.HasIndex(x => new { x.ExecutionId, x.Level });
            e.HasIndex(x => new { x.ExecutionId, x.NodeId });
        });
        modelBuilder.Entity<CheckpointEntity>(e =>
        {
            e.ToTable("Checkpoints");
            e.HasKey(x => x.ExecutionId);
            e.HasOne<ExecutionEntity>().WithOne().HasForeignKey<CheckpointEntity>(x => x.ExecutionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CheckpointHistoryEntity>(e =>
        {
            e.ToTable("CheckpointHistory");
            e.HasKey(x => new { x.ExecutionId, x.Step });
            e.HasOne<ExecutionEntity>().WithMany().HasForeignKey(x => x.ExecutionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CriticalSectionLockEntity>(e =>
        {
            e.ToTable("CriticalSectionLocks");
            e.HasKey(x => x.Key);
            e.HasIndex(x => x.ExecutionId);
        });
        modelBuilder.Entity<CriticalSectionWaiterEntity>(e =>
        {
            e.ToTable("CriticalSectionWaiters");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedOnAdd();
            e.HasIndex(x => new { x.Key, x.HolderId }).IsUnique();
            e.HasIndex(x => new { x.Key, x.Id });
            e.HasIndex(x => x.ExecutionId);
        });
        modelBuilder.Entity<ExecutionValueEntity>(e =>
        {
            e.ToTable("ExecutionValues");
            e.HasKey(x => new { x.ExecutionId, x.Key });
            e.HasOne<ExecutionEntity>().WithMany().HasForeignKey(x => x.ExecutionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));
        modelBuilder.Entity<ExecutionStatusEntity>(e =>
        {
            e.ToTable("ExecutionStatuses");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
        });
        // Tables added after the execution core map themselves: one IEntityTypeConfiguration per table, next to its entity.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ProcessStudioDbContext).Assembly);
    }
}
