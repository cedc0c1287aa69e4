using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Stores;

/// <summary>Named connections. Secrets arrive encrypted and leave encrypted; decrypting is the host's job.</summary>
public sealed class SqliteConnectionStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate)
{
    public async Task<IReadOnlyList<StoredConnection>> ListAsync(string? type, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Set<ConnectionEntity>().AsQueryable();
        if (type is not null)
            query = query.Where(c => c.Type == type);
        var rows = await query.OrderBy(c => c.Name).ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    public async Task<StoredConnection?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Set<ConnectionEntity>().FirstOrDefaultAsync(c => c.Id == Id(id), cancellationToken);
        return entity is null ? null : ToRecord(entity);
    }

    /// <summary>The connection with this name, ignoring case (the column's collation).</summary>
    public async Task<StoredConnection?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Set<ConnectionEntity>().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        return entity is null ? null : ToRecord(entity);
    }

    /// <summary>Inserts or replaces the connection with this id. Throws <see cref="ConnectionNameTakenException"/> for a duplicate name.</summary>
    public async Task SaveAsync(StoredConnection connection, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = Id(connection.Id);
        if (await db.Set<ConnectionEntity>().AnyAsync(c => c.Name == connection.Name && c.Id != id, cancellationToken))
            throw new ConnectionNameTakenException(connection.Name);

        var entity = await db.Set<ConnectionEntity>().AsTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (entity is null)
        {
            entity = new ConnectionEntity { Id = id, CreatedAt = Time(connection.CreatedAt) };
            db.Add(entity);
        }
        entity.Name = connection.Name;
        entity.Type = connection.Type;
        entity.Fields = Json(connection.Fields);
        entity.Secrets = Json(connection.ProtectedSecrets);
        entity.UpdatedAt = Time(connection.UpdatedAt);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<ConnectionEntity>().Where(c => c.Id == Id(id)).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static StoredConnection ToRecord(ConnectionEntity entity) => new(
        ToGuid(entity.Id), entity.Name, entity.Type,
        FromJson<Dictionary<string, string>>(entity.Fields) ?? [],
        FromJson<Dictionary<string, string>>(entity.Secrets) ?? [],
        ToTime(entity.CreatedAt), ToTime(entity.UpdatedAt));
}
