using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ProcessStudio.Data.Idempotency;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Api.Infrastructure;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Api.Executions;

/// <summary>
/// The Idempotency-Key header on run starts: the same caller, key and request (route and body) within 24 h get the
/// run the first request started instead of a new one; the same key with a different request gets 422. A request
/// without the header starts a run as before.
/// </summary>
public sealed class IdempotentStarts(IIdempotencyStore keys, IExecutionStore executions, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;

    /// <summary>Runs <paramref name="start"/> unless the request's key already started a run; returns the run either way.</summary>
    public async Task<ExecutionRecord> StartOnceAsync(HttpRequest request, Func<Task<ExecutionRecord>> start, CancellationToken ct)
    {
        if (ReadKey(request) is not { } key)
            return await start();

        var caller = Caller(request.HttpContext.User);
        var claim = await keys.ClaimAsync(caller, key, await FingerprintAsync(request, ct), clock.GetUtcNow(), ct);
        switch (claim)
        {
            case IdempotencyClaim.Replay replay:
                request.HttpContext.Response.Headers[ReplayedHeader] = "true";
                return await executions.GetAsync(replay.ExecutionId, ct)
                       ?? throw new ApiConflictException($"The run this {Header} started (execution {replay.ExecutionId}) was deleted; use a new key.");
            case IdempotencyClaim.Mismatch:
                throw new ApiUnprocessableException(Header, $"This {Header} was used within the last 24 h for a different request; use a new key.");
            case IdempotencyClaim.InProgress:
                throw new ApiConflictException($"A request with this {Header} is still starting its run; retry in a moment.");
        }

        try
        {
            var execution = await start();
            await keys.CompleteAsync(caller, key, execution.Id, CancellationToken.None);   // the run exists: record it even if the caller left
            return execution;
        }
        catch
        {
            await keys.ReleaseAsync(caller, key, CancellationToken.None);
            throw;
        }
    }

    private static string? ReadKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values)) return null;
        var key = values.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength || values.Count > 1 || key.Any(c => c is < '!' or > '~'))
            throw new ApiValidationException(Header, $"{Header} must be 1 to {MaxKeyLength} visible ASCII characters, sent once (e.g. a UUID).");
        return key;
    }

    /// <summary>Keys are per caller: a user or an API key never sees another caller's runs through a shared key.</summary>
    private static string Caller(ClaimsPrincipal user) =>
        (user.Identity?.AuthenticationType == ActorClaims.ApiKeyScheme ? "api-key:" : "user:") + user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>SHA-256 of the route, query and body; the body is buffered so the handler can still read it.</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        var body = await request.ReadBytesAsync(ct);
        request.Body.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
