using System.Security.Cryptography;
using System.Text;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>
/// Checks a webhook request's credential in constant time: a shared token sent as a header, or an HMAC-SHA256 sent as
/// <c>sha256=&lt;hex&gt;</c> (the <c>sha256=</c> prefix is optional, hex in either case) of the raw body, or, with a
/// timestamp, of <c>&lt;unix seconds&gt;.&lt;raw body&gt;</c> so that the time is signed too.
/// </summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    /// <summary>The header value a sender puts on <paramref name="body"/>: <c>sha256=</c> and the lower-case hex HMAC.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="unixSeconds"/>: the HMAC of "seconds." + body.</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret, long unixSeconds) => Sign(Timestamped(body, unixSeconds), secret);

    public static bool IsValidSignature(string? header, ReadOnlySpan<byte> body, string secret, long unixSeconds) =>
        IsValidSignature(header, Timestamped(body, unixSeconds), secret);

    private static byte[] Timestamped(ReadOnlySpan<byte> body, long unixSeconds) =>
        [.. Encoding.ASCII.GetBytes(unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "."), .. body];

    public static bool IsValidSignature(string? header, ReadOnlySpan<byte> body, string secret)
    {
        if (string.IsNullOrWhiteSpace(header)) return false;
        var hex = Hex(header);
        if (hex.Length != HMACSHA256.HashSizeInBytes * 2) return false;

        Span<byte> claimed = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Convert.FromHexString(hex, claimed, out _, out var written) != System.Buffers.OperationStatus.Done || written != claimed.Length)
            return false;
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(claimed, expected);
    }

    /// <summary>The signature's hex digits in lower case, without the optional prefix: one spelling per signature.</summary>
    public static string Hex(string header)
    {
        var hex = header.Trim();
        return (hex.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? hex[Prefix.Length..] : hex).ToLowerInvariant();
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
