namespace ProcessStudio.Data.Security;

/// <summary>An API key as stored: its hash and display prefix, never the key itself.</summary>
public sealed record ApiKeyRecord(
    Guid Id,
    string Name,
    string Prefix,
    string Hash,
    string Role,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}
