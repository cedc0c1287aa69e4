namespace ProcessStudio.Data.Security;

/// <summary>A person who signs in. <see cref="SecurityStamp"/> changes with the password, role or disabled flag.</summary>
public sealed record UserAccount(
    Guid Id,
    string UserName,
    string Role,
    bool IsDisabled,
    string PasswordHash,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
