using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>Storage shape of a person who signs in. Times are Unix milliseconds (UTC).</summary>
public sealed class UserEntity
{
    public string Id { get; set; } = "";
    public string UserName { get; set; } = "";
    public string NormalizedUserName { get; set; } = "";
    public string PasswordHash { get; set; } = "";
    public string Role { get; set; } = "";
    public bool IsDisabled { get; set; }
    public string SecurityStamp { get; set; } = "";
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
}

public sealed class UserEntityConfiguration : IEntityTypeConfiguration<UserEntity>
{
    public void Configure(EntityTypeBuilder<UserEntity> e)
    {
        e.ToTable("Users");
        e.HasKey(u => u.Id);
        e.HasIndex(u => u.NormalizedUserName).IsUnique();
    }
}
