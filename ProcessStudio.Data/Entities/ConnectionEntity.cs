using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ProcessStudio.Data.Entities;

/// <summary>
/// A named connection. <see cref="Fields"/> holds the plain values as a JSON object of strings; <see cref="Secrets"/> holds
/// each secret field's value already encrypted by the host (the store never sees plaintext secrets).
/// </summary>
public sealed class ConnectionEntity
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Type { get; set; } = "";
    public string Fields { get; set; } = "{}";
    public string Secrets { get; set; } = "{}";
    public long CreatedAt { get; set; }
    public long UpdatedAt { get; set; }
}

internal sealed class ConnectionEntityConfiguration : IEntityTypeConfiguration<ConnectionEntity>
{
    public void Configure(EntityTypeBuilder<ConnectionEntity> entity)
    {
        entity.ToTable("Connections");
        entity.HasKey(c => c.Id);
        entity.HasIndex(c => c.Name).IsUnique();
        entity.HasIndex(c => c.Type);
    }
}
