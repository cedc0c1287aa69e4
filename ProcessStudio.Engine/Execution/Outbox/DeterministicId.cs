using System.Security.Cryptography;
using System.Text;

namespace ProcessStudio.Engine.Execution.Outbox;

/// <summary>
/// Ids derived from what they stand for, so a repeated delivery finds what the first one created (the error workflow run
/// of a failed run, the delivery of an event to a subscriber) instead of creating it again.
/// </summary>
public static class DeterministicId
{
    public static Guid For(string purpose, params Guid[] parts)
    {
        var text = purpose + ":" + string.Join(":", parts.Select(p => p.ToString("D")));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80);   // version 8: "custom", so it never looks like a random v4 id
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(bytes);
    }
}
