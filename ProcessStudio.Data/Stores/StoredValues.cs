using Microsoft.EntityFrameworkCore;
using ProcessStudio.Data.Entities;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Data.Stores;

/// <summary>
/// The large values of a run as <c>ExecutionValues</c> rows keyed by the hash of their text (<see cref="ValueReferences"/>):
/// the run input, node inputs and outputs and checkpoints refer to them, so each is written once per run.
/// </summary>
internal static class StoredValues
{
    public const string KeyPrefix = "value/";

    public static string Key(string hash) => KeyPrefix + hash;

    /// <summary>
    /// <paramref name="json"/> with its large values referenced; their rows are added to <paramref name="rows"/> (a value
    /// already there is not added again). <paramref name="wholeValue"/>: the text is one value (a node's input or output),
    /// not a document that changes with every write (a checkpoint).
    /// </summary>
    public static string? Compact(string? json, bool wholeValue, string executionId, ICollection<ExecutionValueEntity> rows)
    {
        if (json is null) return null;
        var (compact, values) = ValueReferences.Extract(json, wholeValue);
        foreach (var value in values)
        {
            var key = Key(value.Hash);
            if (!rows.Any(r => r.Key == key && r.ExecutionId == executionId))
                rows.Add(new ExecutionValueEntity { ExecutionId = executionId, Key = key, Json = value.Json });
        }
        return compact;
    }

    /// <summary>Reads the values the texts refer to (and the values those refer to) for one run.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(IQueryable<ExecutionValueEntity> rows, string executionId,
        IEnumerable<string?> texts, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>();
        var wanted = texts.SelectMany(ValueReferences.Referenced).ToHashSet();
        while (wanted.Count > 0)
        {
            var keys = wanted.Select(Key).ToList();
            var found = await rows.AsNoTracking().Where(v => v.ExecutionId == executionId && keys.Contains(v.Key))
                .ToDictionaryAsync(v => v.Key[KeyPrefix.Length..], v => v.Json, cancellationToken);
            foreach (var (hash, json) in found) values[hash] = json;
            wanted = found.Values.SelectMany(ValueReferences.Referenced).Where(h => !values.ContainsKey(h)).ToHashSet();
        }
        return values;
    }

    /// <summary>The texts of one run with their references replaced by the values.</summary>
    public static async Task<Func<string?, string?>> InlinerAsync(IQueryable<ExecutionValueEntity> rows, string executionId,
        IReadOnlyCollection<string?> texts, CancellationToken cancellationToken)
    {
        if (!texts.Any(t => t?.Contains(ValueReferences.Marker, StringComparison.Ordinal) == true)) return static text => text;
        var values = await ReadAsync(rows, executionId, texts, cancellationToken);
        return text => text is null ? null : ValueReferences.Inline(text, values);
    }
}
