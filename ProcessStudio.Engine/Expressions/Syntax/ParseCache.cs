using System.Collections.Concurrent;

namespace ProcessStudio.Engine.Expressions.Syntax;

/// <summary>
/// Parsed results by source text. Workflows evaluate the same settings over and over, so parsing happens once;
/// when full, the least recently used quarter is dropped.
/// </summary>
internal sealed class ParseCache<T>(int capacity, Func<string, T> parse)
{
    private sealed class Entry(T value)
    {
        public T Value { get; } = value;
        public long LastUsed;
    }

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _trimLock = new();
    private long _clock;

    // ConcurrentDictionary.Count takes every lock, so the size is tracked separately.
    private int _count;

    public T Get(string source)
    {
        if (!_entries.TryGetValue(source, out var entry))
        {
            // A concurrent caller may parse the same text too; both results are equivalent.
            entry = new Entry(parse(source));
            if (_entries.TryAdd(source, entry) && Interlocked.Increment(ref _count) > capacity) Trim();
        }
        Interlocked.Exchange(ref entry.LastUsed, Interlocked.Increment(ref _clock));
        return entry.Value;
    }

    private void Trim()
    {
        lock (_trimLock)
        {
            if (Volatile.Read(ref _count) <= capacity) return;
            var keep = capacity - Math.Max(1, capacity / 4);
            var oldest = _entries.OrderBy(e => Interlocked.Read(ref e.Value.LastUsed)).Take(_entries.Count - keep).ToList();
            foreach (var (key, _) in oldest)
                if (_entries.TryRemove(key, out _)) Interlocked.Decrement(ref _count);
        }
    }
}
