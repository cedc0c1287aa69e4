using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>Failed sign-ins of one user name from one client address (table SignInAttempts). Times are Unix milliseconds.</summary>
public sealed class SignInAttemptEntity
{
    public string UserKey { get; set; } = "";
    public string Client { get; set; } = "";
    public int Failures { get; set; }
    public long WindowStart { get; set; }
    public long? LockedUntil { get; set; }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttemptEntity>
{
    public void Configure(EntityTypeBuilder<SignInAttemptEntity> builder)
    {
        builder.ToTable("SignInAttempts");
        builder.HasKey(a => new { a.UserKey, a.Client });
        builder.HasIndex(a => a.WindowStart);
    }
}
