namespace ProcessStudio.Data.Security;

public interface IApiKeyStore
{
    Task CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken);
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken);
    /// <summary>The key with this hash unless it was revoked.</summary>
    Task<ApiKeyRecord?> FindActiveByHashAsync(string hash, CancellationToken cancellationToken);
    /// <summary>Marks the key revoked; false when there is no such key or it was already revoked.</summary>
    Task<bool> RevokeAsync(Guid id, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
