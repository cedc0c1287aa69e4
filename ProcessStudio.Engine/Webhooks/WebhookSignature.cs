using System.Security.Cryptography;
using System.Text;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>
/// Checks a webhook request's credential in constant time: a shared token sent as a header, or an HMAC-SHA256 of the
/// raw body sent as <c>sha256=&lt;hex&gt;</c> (the <c>sha256=</c> prefix is optional, hex in either case).
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    /// <summary>The header value a sender puts on <paramref name="body"/>: <c>sha256=</c> and the lower-case hex HMAC.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValidSignature(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (string.IsNullOrWhiteSpace(header)) return false;
        var hex = header.Trim();
        if (hex.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) hex = hex[Prefix.Length..];
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2) return false;

        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != claimed.Length)
            return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }

    /// <summary>Compares hashes of both tokens, so neither the content nor the length of the secret leaks through timing.</summary>
    public static bool IsValidToken(string? header, string secret)
    {
        if (string.IsNullOrEmpty(header)) return false;
        var claimed = SHA256.HashData(Encoding.UTF8.GetBytes(header.Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }
}
