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

    public int Count => _entries.Count;

    public T Get(string source)
    {
        var entry = _entries.GetOrAdd(source, static (text, p) => new Entry(p(text)), parse);
        Interlocked.Exchange(ref entry.LastUsed, Interlocked.Increment(ref _clock));
        if (_entries.Count > capacity) Trim();
        return entry.Value;
    }

    private void Trim()
    {
        lock (_trimLock)
        {
            if (_entries.Count <= capacity) return;
            var keep = capacity - Math.Max(1, capacity / 4);
            foreach (var (key, _) in _entries.OrderBy(e => Interlocked.Read(ref e.Value.LastUsed)).Take(_entries.Count - keep).ToList())
                _entries.TryRemove(key, out _);
        }
    }
}
