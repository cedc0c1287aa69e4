using System.Buffers;
using System.Text.Json;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// The JSON of one growing container (an object or an array) as its last checkpoint wrote it, entry by entry. Writing it
/// again serializes only the entries from the first one that is no longer the same object at the same place; the ones
/// before are copied as bytes. Entries must not change in place, only be added or replaced.
/// </summary>
internal sealed class IncrementalContainerJson(byte open, byte close)
{
    private readonly List<(object? Key, object? Value, int End)> _entries = [];
    private readonly ArrayBufferWriter<byte> _entryBuffer = new();
    private Utf8JsonWriter? _entryWriter;
    private byte[] _json = new byte[256];
    private int _length;
    private int _index;

    /// <summary>Starts a pass over the container's current entries, in order.</summary>
    public void Begin()
    {
        _index = 0;
        _json[0] = open;
        if (_entries.Count == 0) _length = 1;
    }

    /// <summary>True when the entry at the pass's position is still the one written last time; the pass moves past it.</summary>
    public bool TryReuse(object? key, object? value)
    {
        if (_index >= _entries.Count || !ReferenceEquals(_entries[_index].Key, key) || !ReferenceEquals(_entries[_index].Value, value)) return false;
        _index++;
        return true;
    }

    /// <summary>
    /// Writes a new entry at the pass's position, dropping the entries written last time from there on. <paramref name="write"/>
    /// writes the entry inside a container of the same kind, with the serializer's options, so its bytes are the serializer's own.
    /// </summary>
    public void Append<TState>(object? key, object? value, JsonSerializerOptions options, TState state, Action<Utf8JsonWriter, TState> write)
    {
        Truncate(_index);
        var writer = EntryWriter(options);
        if (open == (byte)'{') writer.WriteStartObject(); else writer.WriteStartArray();
        write(writer, state);
        if (open == (byte)'{') writer.WriteEndObject(); else writer.WriteEndArray();
        writer.Flush();
        var entry = _entryBuffer.WrittenSpan[1..^1];   // without the wrapper's brackets
        EnsureCapacity(_length + entry.Length + 2);
        if (_index > 0) _json[_length++] = (byte)',';
        entry.CopyTo(_json.AsSpan(_length));
        _length += entry.Length;
        _entries.Add((key, value, _length));
        _index++;
    }

    /// <summary>Ends the pass: entries not seen in it are dropped. Returns the container's whole JSON.</summary>
    public ReadOnlySpan<byte> Complete()
    {
        Truncate(_index);
        EnsureCapacity(_length + 1);
        _json[_length] = close;
        return _json.AsSpan(0, _length + 1);
    }

    private void Truncate(int count)
    {
        if (count >= _entries.Count) return;
        _entries.RemoveRange(count, _entries.Count - count);
        _length = count == 0 ? 1 : _entries[count - 1].End;
    }

    private Utf8JsonWriter EntryWriter(JsonSerializerOptions options)
    {
        _entryBuffer.ResetWrittenCount();
        if (_entryWriter is null)
        {
            // As the serializer would write it: same encoder, no indentation, one level less for the wrapper.
            var maxDepth = options.MaxDepth == 0 ? 64 : options.MaxDepth;
            _entryWriter = new Utf8JsonWriter(_entryBuffer, new JsonWriterOptions { Encoder = options.Encoder, MaxDepth = maxDepth - 1, SkipValidation = true });
        }
        else _entryWriter.Reset(_entryBuffer);
        return _entryWriter;
    }

    private void EnsureCapacity(int size)
    {
        if (size > _json.Length) Array.Resize(ref _json, Math.Max(size, _json.Length * 2));
    }
}
