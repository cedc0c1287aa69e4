using System.Security.Cryptography;
using System.Text;
using ProcessStudio.Data.Security;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Security;

/// <summary>
/// API keys: "psk_" + 32 random bytes (base64url). Only the SHA-256 of the key is stored; with that much entropy a
/// plain hash cannot be brute-forced, and it lets a request's key be looked up directly.
/// </summary>
public sealed class ApiKeyService(IApiKeyStore keys, TimeProvider clock)
{
    public const string KeyPrefix = "psk_";
    public const int MinKeyLength = 32;
    private const int PrefixLength = 12;

    public sealed record CreatedApiKey(ApiKeyRecord Record, string Key);

    public async Task<CreatedApiKey> CreateAsync(string name, string role, string createdBy, CancellationToken ct) =>
        await CreateAsync(name, role, createdBy, KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32)), ct);

    /// <summary>Stores a key chosen by configuration (the initial admin key); it must be long enough to be unguessable.</summary>
    public async Task<CreatedApiKey> CreateAsync(string name, string role, string createdBy, string key, CancellationToken ct)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length is 0 or > 64)
            throw new ApiValidationException("name", "A key needs a name of 1 to 64 characters.");
        var normalizedRole = AccessRules.NormalizeRole(role)
            ?? throw new ApiValidationException("role", $"The role must be one of {string.Join(", ", Roles.All)}.");
        if (key.Length < MinKeyLength)
            throw new ApiValidationException("key", $"An API key needs at least {MinKeyLength} characters.");

        var record = new ApiKeyRecord(Guid.NewGuid(), trimmed, key[..PrefixLength], Hash(key), normalizedRole, createdBy, clock.GetUtcNow(), null);
        await keys.CreateAsync(record, ct);
        return new CreatedApiKey(record, key);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken ct) => keys.ListAsync(ct);

    public Task<bool> RevokeAsync(Guid id, CancellationToken ct) => keys.RevokeAsync(id, clock.GetUtcNow(), ct);

    /// <summary>The active key matching <paramref name="key"/>, or null for an unknown or revoked one.</summary>
    public Task<ApiKeyRecord?> FindActiveAsync(string key, CancellationToken ct) =>
        key.Length < MinKeyLength ? Task.FromResult<ApiKeyRecord?>(null) : keys.FindActiveByHashAsync(Hash(key), ct);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
