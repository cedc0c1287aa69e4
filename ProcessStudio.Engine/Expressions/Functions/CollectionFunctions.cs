using System.Text.Json.Nodes;
using ProcessStudio.Engine.Expressions.Evaluation;
using static ProcessStudio.Engine.Expressions.ExpressionValues;

namespace ProcessStudio.Engine.Expressions.Functions;

/// <summary>Functions over arrays, objects and (where it makes sense) text, including the lambda-taking ones.</summary>
internal static class CollectionFunctions
{
    public static IEnumerable<FunctionDefinition> Definitions =>
    [
        new("length", 1, 1, "length(value)", "Characters of text, items of an array, properties of an object; 0 for null.", Length),
        new("count", 1, 1, "count(value)", "Same as length.", Length),
        new("isEmpty", 1, 1, "isEmpty(value)", "Whether value is null, \"\", [] or {}.", c => JsonValue.Create(IsEmpty(c[0]))),
        new("first", 1, 1, "first(array | text)", "The first item (or character); null when empty.", c => ItemAt(c, 0)),
        new("last", 1, 1, "last(array | text)", "The last item (or character); null when empty.", c => ItemAt(c, -1)),
        new("keys", 1, 1, "keys(object)", "The property names of an object.", c => c.NewArray(c.Object(0).Select(p => (JsonNode?)JsonValue.Create(p.Key)))),
        new("values", 1, 1, "values(object)", "The property values of an object.", c => c.NewArray(c.Object(0).Select(p => p.Value))),
        new("entries", 1, 1, "entries(object)", "The properties as [{key, value}] objects.", Entries),
        new("merge", 1, FunctionDefinition.Unlimited, "merge(objects...)", "One object with the properties of all; later ones win.", Merge),
        new("contains", 2, 2, "contains(text | array | object, value)", "Whether text contains the text, an array holds an equal item, or an object has the key.", Contains),
        new("indexOf", 2, 2, "indexOf(text | array, value)", "Position of the first occurrence, or -1.", IndexOf),
        new("slice", 2, 3, "slice(array | text, start, end?)", "Items from start up to (not including) end; negatives count from the end.", Slice),
        new("reverse", 1, 1, "reverse(array | text)", "Items (or characters) in reverse order.", Reverse),
        new("sort", 1, 2, "sort(array, key?)", "Items in ascending order of numbers or text, optionally by a key lambda x => x.name.", Sort),
        new("distinct", 1, 1, "distinct(array)", "Items without duplicates, first occurrence kept.", Distinct),
        new("flatten", 1, 2, "flatten(array, depth?)", "Nested arrays spliced into one array, depth levels deep (default 1).", Flatten),
        new("range", 1, 3, "range(count) | range(start, end, step?)", "Numbers 0..count-1, or start up to (not including) end.", Range),
        new("map", 2, 2, "map(array, x => ...)", "Each item transformed by the lambda; (x, i) => ... also gets the index.", Map),
        new("filter", 2, 2, "filter(array, x => ...)", "The items for which the lambda is truthy.", Filter),
        new("find", 2, 2, "find(array, x => ...)", "The first item for which the lambda is truthy, or null.", Find),
        new("any", 2, 2, "any(array, x => ...)", "Whether the lambda is truthy for at least one item.", c => JsonValue.Create(Matches(c).Any(m => m.Matched))),
        new("all", 2, 2, "all(array, x => ...)", "Whether the lambda is truthy for every item (true for an empty array).", c => JsonValue.Create(Matches(c).All(m => m.Matched))),
        new("groupBy", 2, 2, "groupBy(array, x => key)", "An object whose properties are the keys (as text) and arrays of the items with that key.", GroupBy),
    ];

    private static JsonNode Length(FunctionCall c) => c[0] switch
    {
        JsonArray array => Number(array.Count),
        JsonObject obj => Number(obj.Count),
        var value when IsNull(value) => Number(0),
        var value when TryGetString(value, out var text) => Number(text.Length),
        _ => throw c.Expected(0, "text, an array or an object"),
    };

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        JsonArray array => array.Count == 0,
        JsonObject obj => obj.Count == 0,
        _ => IsNull(value) || (TryGetString(value, out var text) && text.Length == 0),
    };

    private static JsonNode? ItemAt(FunctionCall c, int index)
    {
        if (c[0] is JsonArray array)
            return array.Count == 0 ? null : array[index < 0 ? array.Count + index : index];
        var text = c.String(0);
        return text.Length == 0 ? null : JsonValue.Create(text[index < 0 ? text.Length + index : index].ToString());
    }

    private static JsonNode Entries(FunctionCall c)
    {
        var obj = c.Object(0);
        c.Budget.Charge(obj.Count);
        return c.NewArray(obj.Select(p => (JsonNode?)new JsonObject { ["key"] = p.Key, ["value"] = c.Adopt(p.Value) }));
    }

    private static JsonNode Merge(FunctionCall c)
    {
        var result = new JsonObject();
        for (var i = 0; i < c.Count; i++)
        {
            if (IsNull(c[i])) continue;
            foreach (var (key, value) in c.Object(i))
            {
                c.Budget.Charge();
                result[key] = value?.DeepClone();
            }
        }
        return result;
    }

    private static JsonNode Contains(FunctionCall c)
    {
        var needle = c[1];
        return JsonValue.Create(c[0] switch
        {
            JsonArray array => Scan(c, array).Any(item => DeepEquals(item, needle)),
            JsonObject obj => obj.ContainsKey(c.String(1)),
            _ => c.String(0).Contains(c.String(1), StringComparison.Ordinal),
        });
    }

    private static JsonNode IndexOf(FunctionCall c)
    {
        if (c[0] is not JsonArray array) return Number(c.String(0).IndexOf(c.String(1), StringComparison.Ordinal));
        var position = Scan(c, array).Select((item, i) => (item, i)).FirstOrDefault(p => DeepEquals(p.item, c[1]), (null, -1)).Item2;
        return Number(position);
    }

    private static JsonNode Slice(FunctionCall c)
    {
        var length = c[0] is JsonArray items ? items.Count : c.String(0).Length;
        var start = Clamp(c.Integer(1), length);
        var end = c.Has(2) && !IsNull(c[2]) ? Clamp(c.Integer(2), length) : length;
        var count = Math.Max(0, end - start);
        return c[0] is JsonArray array
            ? c.NewArray(array.Skip(start).Take(count))
            : c.Text(c.String(0).Substring(start, count));
    }

    private static int Clamp(int index, int length) => index < 0 ? Math.Max(0, length + index) : Math.Min(index, length);

    private static JsonNode Reverse(FunctionCall c)
    {
        if (c[0] is JsonArray array) return c.NewArray(Scan(c, array).Reverse());
        var characters = c.String(0).ToCharArray();
        System.Array.Reverse(characters);
        return c.Text(new string(characters));
    }

    private static JsonNode Sort(FunctionCall c)
    {
        var array = c.Array(0);
        var key = c.Has(1) ? c.Lambda(1) : (item, _) => item;
        var keyed = Scan(c, array).Select((item, i) => (Item: item, Key: key(item, i))).ToList();
        var allNumbers = keyed.All(k => TryGetNumber(k.Key, out _));
        var allText = keyed.All(k => TryGetString(k.Key, out _));
        if (!allNumbers && !allText)
            throw new EvaluationFailure("Function 'sort' needs keys that are all numbers or all text");
        c.Budget.Charge(keyed.Count);
        var sorted = allNumbers
            ? keyed.OrderBy(k => TryGetNumber(k.Key, out var n) ? n : 0)
            : keyed.OrderBy(k => TryGetString(k.Key, out var s) ? s : "", StringComparer.Ordinal);
        return c.NewArray(sorted.Select(k => k.Item));
    }

    private static JsonNode Distinct(FunctionCall c)
    {
        // Bucket by a cheap key so only plausible duplicates are compared deeply.
        var buckets = new Dictionary<string, List<JsonNode?>>(StringComparer.Ordinal);
        var unique = new List<JsonNode?>();
        foreach (var item in Scan(c, c.Array(0)))
        {
            var key = item switch
            {
                JsonArray array => $"array:{array.Count}",
                JsonObject obj => $"object:{obj.Count}",
                _ => $"{TypeName(item)}:{ToDisplayString(item)}",
            };
            if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = [];
            c.Budget.Charge(bucket.Count);
            if (bucket.Any(other => DeepEquals(other, item))) continue;
            bucket.Add(item);
            unique.Add(item);
        }
        return c.NewArray(unique);
    }

    private static JsonNode Flatten(FunctionCall c)
    {
        var depth = c.Integer(1, 1);
        var result = new List<JsonNode?>();
        void Add(JsonArray array, int level)
        {
            foreach (var item in Scan(c, array))
            {
                if (item is JsonArray nested && level < depth) Add(nested, level + 1);
                else result.Add(item);
                c.Budget.CheckCount(result.Count);
            }
        }
        Add(c.Array(0), 0);
        return c.NewArray(result);
    }

    private static JsonNode Range(FunctionCall c)
    {
        var (start, end) = c.Count == 1 ? (0, c.Number(0)) : (c.Number(0), c.Number(1));
        var step = c.Has(2) ? c.Number(2) : 1;
        if (step == 0) throw new EvaluationFailure("Function 'range' needs a step other than 0");
        var count = Math.Max(0, Math.Ceiling((end - start) / step));
        c.Budget.CheckCount((long)Math.Min(count, long.MaxValue));
        c.Budget.Charge((int)count);
        return c.NewArray(Enumerable.Range(0, (int)count).Select(i => (JsonNode?)Number(start + i * step)));
    }

    private static JsonNode Map(FunctionCall c)
    {
        var lambda = c.Lambda(1);
        return c.NewArray(Scan(c, c.Array(0)).Select((item, i) => lambda(item, i)));
    }

    private static JsonNode Filter(FunctionCall c) => c.NewArray(Matches(c).Where(m => m.Matched).Select(m => m.Item));

    private static JsonNode? Find(FunctionCall c) => Matches(c).FirstOrDefault(m => m.Matched).Item;

    private static JsonNode GroupBy(FunctionCall c)
    {
        var key = c.Lambda(1);
        var groups = new JsonObject();
        foreach (var (item, i) in Scan(c, c.Array(0)).Select((item, i) => (item, i)))
        {
            var name = ToDisplayString(key(item, i));
            if (groups[name] is not JsonArray group) groups[name] = group = [];
            group.Add(c.Adopt(item));
        }
        return groups;
    }

    /// <summary>Items with whether the lambda (argument 2) is truthy for them, lazily so any/find stop early.</summary>
    private static IEnumerable<(JsonNode? Item, bool Matched)> Matches(FunctionCall c)
    {
        var predicate = c.Lambda(1);
        return Scan(c, c.Array(0)).Select((item, i) => (item, IsTruthy(predicate(item, i))));
    }

    /// <summary>The items of an array, charging one budget step each.</summary>
    private static IEnumerable<JsonNode?> Scan(FunctionCall c, JsonArray array)
    {
        foreach (var item in array.ToList())
        {
            c.Budget.Charge();
            yield return item;
        }
    }
}
