using ProcessStudio.Data.Security;

namespace ProcessStudio.Web.Security;

/// <summary>
/// Whether the first account exists yet. Once it does, it stays so (users are disabled, never deleted), so the
/// answer is cached and the first-run check costs nothing on later requests.
/// </summary>
public sealed class FirstRunState(IUserStore users)
{
    private volatile bool _hasUsers;

    public async ValueTask<bool> NeedsSetupAsync(CancellationToken ct)
    {
        if (!_hasUsers)
            await RefreshAsync(ct);
        return !_hasUsers;
    }

    public async Task RefreshAsync(CancellationToken ct) => _hasUsers = await users.AnyAsync(ct);
}
