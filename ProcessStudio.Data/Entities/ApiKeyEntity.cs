using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>Storage shape of an API key: only its SHA-256 hash and a short display prefix, never the key.</summary>
public sealed class ApiKeyEntity
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Role { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public long CreatedAt { get; set; }
    public long? LastUsedAt { get; set; }
    public long? RevokedAt { get; set; }
}

public sealed class ApiKeyEntityConfiguration : IEntityTypeConfiguration<ApiKeyEntity>
{
    public void Configure(EntityTypeBuilder<ApiKeyEntity> e)
    {
        e.ToTable("ApiKeys");
        e.HasKey(k => k.Id);
        e.HasIndex(k => k.Hash).IsUnique();
    }
}
