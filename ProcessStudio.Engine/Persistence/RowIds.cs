using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ProcessStudio.Engine.Persistence;

/// <summary>
/// Ids of the node records a run writes: UUID version 7, increasing within this process. The
/// store keeps a run's records in id order, so a step's new record lands at the end of the pages the previous step wrote
/// instead of on a random page, and records of one step started in the same millisecond keep the order they were created in.
/// The random tail comes from a per-thread buffer of secure random bytes: <see cref="Guid.NewGuid"/>'s system call per id
/// was ≈ 4 % of a cheap step in a profile.
/// </summary>
public static class RowIds
{
    /// <summary>The last id's Unix milliseconds (upper bits) and its 12-bit counter within that millisecond.</summary>
    private static long _last;
    private const int TailsPerFill = 256;
    [ThreadStatic] private static byte[]? _random;
    [ThreadStatic] private static int _used;

    public static Guid New() => New(DateTimeOffset.UtcNow);

    public static Guid New(DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        long last, next;
        do
        {
            last = Volatile.Read(ref _last);
            next = Math.Max(ms << 12, last + 1);   // past 4,096 ids in one millisecond it borrows the next one
        } while (Interlocked.CompareExchange(ref _last, next, last) != last);

        Span<byte> bytes = stackalloc byte[16];
        RandomTail().CopyTo(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, (next >> 12) << 16);
        bytes[6] = (byte)(0x70 | ((next >> 8) & 0x0F));   // version 7, then the counter's top four bits
        bytes[7] = (byte)next;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));       // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    private static ReadOnlySpan<byte> RandomTail()
    {
        var buffer = _random ??= new byte[8 * TailsPerFill];
        if (_used == 0) RandomNumberGenerator.Fill(buffer);
        var tail = buffer.AsSpan(_used * 8, 8);
        _used = (_used + 1) % TailsPerFill;
        return tail;
    }
}
