using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Security;

public sealed class SqliteApiKeyStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : IApiKeyStore
{
    public async Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Set<ApiKeyEntity>().Add(new ApiKeyEntity
        {
            Id = Id(key.Id),
            Name = key.Name,
            Prefix = key.Prefix,
            Hash = key.Hash,
            Role = key.Role,
            CreatedBy = key.CreatedBy,
            CreatedAt = Time(key.CreatedAt),
            RevokedAt = Time(key.RevokedAt),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.Set<ApiKeyEntity>().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
        return keys.Select(ToRecord).ToList();
    }

    public async Task<ApiKeyRecord?> FindActiveByHashAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = await db.Set<ApiKeyEntity>().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, cancellationToken);
        return key is null ? null : ToRecord(key);
    }

    public async Task<bool> RevokeAsync(Guid id, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var key = Id(id);
        var at = Time(revokedAt);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ApiKeyEntity>().Where(k => k.Id == key && k.RevokedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.RevokedAt, at), cancellationToken) > 0;
    }

    private static ApiKeyRecord ToRecord(ApiKeyEntity e) =>
        new(ToGuid(e.Id), e.Name, e.Prefix, e.Hash, e.Role, e.CreatedBy, ToTime(e.CreatedAt), ToTime(e.RevokedAt));
}
