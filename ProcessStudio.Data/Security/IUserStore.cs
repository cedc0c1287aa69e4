namespace ProcessStudio.Data.Security;

/// <summary>User accounts. User names are unique without regard to case.</summary>
public interface IUserStore
{
    Task<bool> AnyAsync(CancellationToken cancellationToken);
    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);
    Task<UserAccount?> FindByIdAsync(Guid id, CancellationToken cancellationToken);
    Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken);
    /// <summary>Adds the user; false when the name is taken.</summary>
    Task<bool> TryCreateAsync(UserAccount user, CancellationToken cancellationToken);
    /// <summary>Adds the user only while there is no user at all (first-run setup); false otherwise.</summary>
    Task<bool> TryCreateFirstAsync(UserAccount user, CancellationToken cancellationToken);
    /// <summary>Saves role, disabled flag, password hash and security stamp; false when the user does not exist.</summary>
    Task<bool> UpdateAsync(UserAccount user, CancellationToken cancellationToken);
}
