using Microsoft.AspNetCore.Identity;
using ProcessStudio.Data.Security;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Security;

/// <summary>
/// User accounts: sign-in checks, first-run setup and the Admin's changes. Passwords are hashed with the framework's
/// <see cref="PasswordHasher{TUser}"/>. Bad input throws <see cref="ApiValidationException"/> naming the field.
/// </summary>
public sealed class AccountService(IUserStore users, FirstRunState firstRun, SignInThrottle throttle, TimeProvider clock, ILogger<AccountService> logger)
{
    public const int MinPasswordLength = 8;
    public const int MaxUserNameLength = 64;

    private static readonly PasswordHasher<UserAccount> Hasher = new();

    /// <summary>
    /// The sign-in form's check: the user, or why not. A name and address locked out by <see cref="SignInThrottle"/> is
    /// refused before the password is looked at, so guessing gains nothing while it lasts.
    /// </summary>
    public async Task<SignInAttempt> SignInAsync(string userName, string password, string client, CancellationToken ct)
    {
        if (await throttle.LockedUntilAsync(userName, client, ct) is { } until) return SignInAttempt.Locked(until);
        var user = await VerifyAsync(userName, password, ct);
        if (user is not null)
        {
            await throttle.RecordSuccessAsync(userName, client, ct);
            return SignInAttempt.Succeeded(user);
        }
        if (await throttle.RecordFailureAsync(userName, client, ct) is not { } lockedUntil) return SignInAttempt.Failed;
        logger.LogWarning("Sign-in for {UserName} from {Client} locked until {LockedUntil} after repeated failures", userName, client, lockedUntil);
        return SignInAttempt.Locked(lockedUntil);
    }

    /// <summary>The enabled user with this name and password, or null (the caller does not learn which part was wrong).</summary>
    private async Task<UserAccount?> VerifyAsync(string userName, string password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return null;
        var user = await users.FindByNameAsync(userName, ct);
        if (user is null || user.IsDisabled)
            return null;
        var result = Hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            await users.UpdateAsync(user with { PasswordHash = Hasher.HashPassword(user, password) }, ct);
        return result == PasswordVerificationResult.Failed ? null : user;
    }

    /// <summary>Creates the first account, an Admin; null when someone already did (setup runs only once).</summary>
    public async Task<UserAccount?> CreateFirstAdminAsync(string userName, string password, CancellationToken ct)
    {
        var user = NewUser(userName, password, Roles.Admin);
        var created = await users.TryCreateFirstAsync(user, ct);
        await firstRun.RefreshAsync(ct);
        return created ? user : null;
    }

    public async Task<UserAccount> CreateAsync(string userName, string password, string role, CancellationToken ct)
    {
        var user = NewUser(userName, password, RequireRole(role));
        if (!await users.TryCreateAsync(user, ct))
            throw new ApiValidationException("userName", $"A user named '{user.UserName}' already exists.");
        return user;
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct) => users.ListAsync(ct);

    public async Task<UserAccount> ChangeRoleAsync(Guid id, string role, CancellationToken ct)
    {
        var user = await GetAsync(id, ct);
        var newRole = RequireRole(role);
        if (user.Role == Roles.Admin && newRole != Roles.Admin)
            await EnsureAnotherAdminAsync(user, ct);
        return await SaveAsync(user with { Role = newRole }, ct);
    }

    public async Task<UserAccount> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct)
    {
        var user = await GetAsync(id, ct);
        if (disabled && user.Role == Roles.Admin)
            await EnsureAnotherAdminAsync(user, ct);
        return await SaveAsync(user with { IsDisabled = disabled }, ct);
    }

    public async Task<UserAccount> ResetPasswordAsync(Guid id, string password, CancellationToken ct)
    {
        var user = await GetAsync(id, ct);
        RequirePassword(password);
        return await SaveAsync(user with { PasswordHash = Hasher.HashPassword(user, password) }, ct);
    }

    /// <summary>Every change gets a new security stamp, which signs the user out of sessions started before it.</summary>
    private async Task<UserAccount> SaveAsync(UserAccount user, CancellationToken ct)
    {
        var changed = user with { SecurityStamp = NewStamp(), UpdatedAt = clock.GetUtcNow() };
        if (!await users.UpdateAsync(changed, ct))
            throw new NotFoundException("User", user.Id);
        return changed;
    }

    private async Task<UserAccount> GetAsync(Guid id, CancellationToken ct) =>
        await users.FindByIdAsync(id, ct) ?? throw new NotFoundException("User", id);

    /// <summary>Refuses to lock everyone out: some other enabled Admin must remain.</summary>
    private async Task EnsureAnotherAdminAsync(UserAccount user, CancellationToken ct)
    {
        var all = await users.ListAsync(ct);
        if (!all.Any(u => u.Id != user.Id && u.Role == Roles.Admin && !u.IsDisabled))
            throw new ApiConflictException($"'{user.UserName}' is the last enabled Admin; make someone else Admin first.");
    }

    private UserAccount NewUser(string userName, string password, string role)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length == 0)
            throw new ApiValidationException("userName", "A user name is required.");
        if (name.Length > MaxUserNameLength || name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || UserNameKey.HasLoneSurrogate(name))
            throw new ApiValidationException("userName", $"A user name has at most {MaxUserNameLength} characters and no spaces.");
        RequirePassword(password);

        var now = clock.GetUtcNow();
        var user = new UserAccount(Guid.NewGuid(), name, role, false, "", NewStamp(), now, now);
        return user with { PasswordHash = Hasher.HashPassword(user, password) };
    }

    private static void RequirePassword(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
            throw new ApiValidationException("password", $"The password needs at least {MinPasswordLength} characters.");
    }

    private static string RequireRole(string? role) =>
        AccessRules.NormalizeRole(role) ?? throw new ApiValidationException("role", $"The role must be one of {string.Join(", ", Roles.All)}.");

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>The outcome of a sign-in: the user, or no user with the time a lockout ends.</summary>
public sealed record SignInAttempt(UserAccount? User, DateTimeOffset? LockedUntil)
{
    public static readonly SignInAttempt Failed = new(null, null);
    public static SignInAttempt Succeeded(UserAccount user) => new(user, null);
    public static SignInAttempt Locked(DateTimeOffset until) => new(null, until);
}
