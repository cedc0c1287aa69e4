using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ProcessStudio.Engine.Persistence;

/// <summary>A large JSON value stored once per run under the hash of its text, referred to from other JSON by that hash.</summary>
public sealed record StoredValue(string Hash, string Json);

/// <summary>
/// Writes each large value of a run once. The same value turns up in many places (the run input is the trigger's input
/// and output, the next node's input, the checkpoint's trigger input and last output...), each written with every step
/// or record that holds it. <see cref="Extract"/> replaces every value of at least <see cref="MinimumChars"/> characters
/// in a JSON text by a reference <c>{"$valueRef":"hash"}</c> and hands the values out; a store keeps each hash once per
/// run, so a value costs one row however many places hold it. <see cref="Inline"/> puts the values back when reading.
/// Stores call both, so the engine only ever sees whole JSON. Texts without references (rows written before, small
/// values) are read as they are.
/// </summary>
public static class ValueReferences
{
    /// <summary>Smaller values cost about as much as the reference and its row would.</summary>
    public const int MinimumChars = 2048;
    public const string Marker = "$valueRef";

    private static ReadOnlySpan<byte> MarkerUtf8 => "$valueRef"u8;

    /// <summary>
    /// The text with its large values replaced by references, and those values, each once (their own large parts referenced
    /// too).
    /// With <paramref name="wholeValue"/> the whole text becomes one reference when it is large: for a column that is
    /// one value (a node's input or output), not for a document that changes with every write (a checkpoint).
    /// </summary>
    public static (string Json, IReadOnlyList<StoredValue> Values) Extract(string json, bool wholeValue)
    {
        if (json.Length < MinimumChars) return (json, []);
        var bytes = Encoding.UTF8.GetBytes(json);
        var values = new List<StoredValue>();
        var spans = FindLargeValues(bytes, wholeValue, values);
        var distinct = values.DistinctBy(v => v.Hash).ToList();
        return spans.Count == 0 ? (json, distinct) : (Encoding.UTF8.GetString(Rebuild(bytes, 0, bytes.Length, spans)), distinct);
    }

    /// <summary>Hashes referenced in <paramref name="json"/> (not in the values they refer to).</summary>
    public static IReadOnlyCollection<string> Referenced(string? json)
    {
        if (json is null || !json.Contains(Marker, StringComparison.Ordinal)) return [];
        var hashes = new HashSet<string>();
        foreach (var reference in FindReferences(Encoding.UTF8.GetBytes(json)))
            hashes.Add(reference.Hash);
        return hashes;
    }

    /// <summary>
    /// The text with every reference replaced by its value, recursively. <paramref name="values"/> holds every hash reachable
    /// from the text (<see cref="Referenced"/>, then the values' own).
    /// </summary>
    public static string Inline(string json, IReadOnlyDictionary<string, string> values)
    {
        if (!json.Contains(Marker, StringComparison.Ordinal)) return json;
        var bytes = Encoding.UTF8.GetBytes(json);
        var references = FindReferences(bytes);
        if (references.Count == 0) return json;
        var output = new ArrayBufferWriter<byte>();
        var at = 0;
        foreach (var (start, end, hash) in references)
        {
            // An object that only looks like a reference (user data) has no stored value and stays as it is.
            if (!values.TryGetValue(hash, out var value)) continue;
            output.Write(bytes.AsSpan(at, start - at));
            output.Write(Encoding.UTF8.GetBytes(Inline(value, values)));
            at = end;
        }
        output.Write(bytes.AsSpan(at));
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private readonly record struct Span(int Start, int End, string Hash);

    private sealed class Frame(int start)
    {
        public int Start { get; } = start;
        /// <summary>Large values found inside this container so far, in text order.</summary>
        public List<Span> Inner { get; } = [];
    }

    /// <summary>
    /// One pass over the text, bottom-up: a value is referenced when it is still large once its own large parts are
    /// references, so a big array of small items becomes one value and an object holding one big output does not.
    /// </summary>
    private static List<Span> FindLargeValues(byte[] bytes, bool wholeValue, List<StoredValue> values)
    {
        var reader = new Utf8JsonReader(bytes);
        var root = new Frame(0);
        var stack = new Stack<Frame>();
        stack.Push(root);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    stack.Push(new Frame((int)reader.TokenStartIndex));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var frame = stack.Pop();
                    var parent = stack.Peek();
                    var end = (int)reader.BytesConsumed;
                    var isRoot = parent == root && frame.Start == 0 && end == bytes.Length;
                    if ((!isRoot || wholeValue) && ReducedLength(frame, end) >= MinimumChars)
                        parent.Inner.Add(Store(bytes, frame.Start, end, frame.Inner, values));
                    else
                        parent.Inner.AddRange(frame.Inner);
                    break;
                case JsonTokenType.String:
                    var stringEnd = (int)reader.BytesConsumed;
                    var stringStart = (int)reader.TokenStartIndex;
                    var isWhole = stringStart == 0 && stringEnd == bytes.Length;
                    if ((!isWhole || wholeValue) && stringEnd - stringStart >= MinimumChars)
                        stack.Peek().Inner.Add(Store(bytes, stringStart, stringEnd, [], values));
                    break;
            }
        }
        return root.Inner;
    }

    private static int ReducedLength(Frame frame, int end)
    {
        var length = end - frame.Start;
        foreach (var inner in frame.Inner) length -= inner.End - inner.Start - ReferenceLength;
        return length;
    }

    private const int ReferenceLength = 64 + 16;

    private static Span Store(byte[] bytes, int start, int end, List<Span> inner, List<StoredValue> values)
    {
        var text = Rebuild(bytes, start, end, inner);
        var hash = Convert.ToHexStringLower(SHA256.HashData(text));
        values.Add(new StoredValue(hash, Encoding.UTF8.GetString(text)));
        return new Span(start, end, hash);
    }

    /// <summary>The bytes from start to end with the given spans (inside them, in order) replaced by references.</summary>
    private static byte[] Rebuild(byte[] bytes, int start, int end, List<Span> spans)
    {
        if (spans.Count == 0) return bytes.AsSpan(start, end - start).ToArray();
        var output = new ArrayBufferWriter<byte>();
        var at = start;
        foreach (var span in spans)
        {
            output.Write(bytes.AsSpan(at, span.Start - at));
            output.Write(Encoding.UTF8.GetBytes($"{{\"{Marker}\":\"{span.Hash}\"}}"));
            at = span.End;
        }
        output.Write(bytes.AsSpan(at, end - at));
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Every <c>{"$valueRef":"hash"}</c> object in the text, in order (references never nest in one text).</summary>
    private static List<Span> FindReferences(byte[] bytes)
    {
        var found = new List<Span>();
        var reader = new Utf8JsonReader(bytes);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.StartObject) continue;
            // The reader is a struct: a copy looks ahead, and the loop goes on from the object's start when it is no reference.
            var probe = reader;
            if (IsReference(ref probe, out var hash))
            {
                found.Add(new Span((int)reader.TokenStartIndex, (int)probe.BytesConsumed, hash));
                reader = probe;
            }
        }
        return found;
    }

    private static bool IsReference(ref Utf8JsonReader reader, out string hash)
    {
        hash = "";
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(MarkerUtf8)) return false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) return false;
        hash = reader.GetString()!;
        return reader.Read() && reader.TokenType == JsonTokenType.EndObject;
    }
}
