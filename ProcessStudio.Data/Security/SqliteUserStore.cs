using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Data.Sqlite;
using static ProcessStudio.Data.Mapping.StorageValues;

namespace ProcessStudio.Data.Security;

public sealed class SqliteUserStore(IDbContextFactory<ProcessStudioDbContext> contexts, SqliteWriteGate gate) : IUserStore
{
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<UserEntity>().AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = await db.Set<UserEntity>().OrderBy(u => u.NormalizedUserName).ToListAsync(cancellationToken);
        return users.Select(ToRecord).ToList();
    }

    public async Task<UserAccount?> FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        var key = Id(id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<UserEntity>().FirstOrDefaultAsync(u => u.Id == key, cancellationToken);
        return user is null ? null : ToRecord(user);
    }

    public async Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = UserNameKey.Of(userName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<UserEntity>().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        return user is null ? null : ToRecord(user);
    }

    public Task<bool> TryCreateAsync(UserAccount user, CancellationToken cancellationToken) =>
        CreateAsync(user, onlyIfFirst: false, cancellationToken);

    public Task<bool> TryCreateFirstAsync(UserAccount user, CancellationToken cancellationToken) =>
        CreateAsync(user, onlyIfFirst: true, cancellationToken);

    public async Task<bool> UpdateAsync(UserAccount user, CancellationToken cancellationToken)
    {
        var key = Id(user.Id);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var updated = await db.Set<UserEntity>().Where(u => u.Id == key).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.Role, user.Role)
            .SetProperty(u => u.IsDisabled, user.IsDisabled)
            .SetProperty(u => u.PasswordHash, user.PasswordHash)
            .SetProperty(u => u.SecurityStamp, user.SecurityStamp)
            .SetProperty(u => u.UpdatedAt, Time(user.UpdatedAt)), cancellationToken);
        return updated > 0;
    }

    /// <summary>The existence checks and the insert share the write gate, so two concurrent setups cannot both win.</summary>
    private async Task<bool> CreateAsync(UserAccount user, bool onlyIfFirst, CancellationToken cancellationToken)
    {
        var normalized = UserNameKey.Of(user.UserName);
        using var _ = await gate.EnterAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var users = db.Set<UserEntity>();
        if (onlyIfFirst ? await users.AnyAsync(cancellationToken) : await users.AnyAsync(u => u.NormalizedUserName == normalized, cancellationToken))
            return false;

        users.Add(new UserEntity
        {
            Id = Id(user.Id),
            UserName = user.UserName,
            NormalizedUserName = normalized,
            PasswordHash = user.PasswordHash,
            Role = user.Role,
            IsDisabled = user.IsDisabled,
            SecurityStamp = user.SecurityStamp,
            CreatedAt = Time(user.CreatedAt),
            UpdatedAt = Time(user.UpdatedAt),
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static UserAccount ToRecord(UserEntity e) =>
        new(ToGuid(e.Id), e.UserName, e.Role, e.IsDisabled, e.PasswordHash, e.SecurityStamp, ToTime(e.CreatedAt), ToTime(e.UpdatedAt));
}
