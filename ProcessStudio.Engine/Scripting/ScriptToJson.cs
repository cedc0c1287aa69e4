using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;

namespace ProcessStudio.Engine.Scripting;

/// <summary>
/// Reads a script's value back as JSON, the way JSON.stringify would: own enumerable fields only (so a polluted
/// prototype adds nothing), functions and undefined dropped from objects and null in arrays, NaN and Infinity as null,
/// dates as ISO text. A cycle or nesting deeper than <see cref="MaxDepth"/> fails with a message instead of looping.
/// </summary>
internal static class ScriptToJson
{
    public const int MaxDepth = 100;

    public static JsonNode? Convert(JsValue value) => Convert(value, new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance), 0);

    private static JsonNode? Convert(JsValue value, HashSet<ObjectInstance> path, int depth)
    {
        switch (value.Type)
        {
            case Types.Undefined or Types.Null or Types.Symbol:
                return null;
            case Types.Boolean:
                return JsonValue.Create(value.AsBoolean());
            case Types.String:
                return JsonValue.Create(value.AsString());
            case Types.Number:
                return Number(value.AsNumber());
            case Types.BigInt:
                return JsonValue.Create(value.ToString());   // JSON numbers cannot hold every BigInt exactly
        }
        if (value is JsDate date)
            return date.DateValue is var ms && double.IsFinite(ms)
                ? JsonValue.Create(DateTimeOffset.FromUnixTimeMilliseconds((long)ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ"))
                : null;
        if (value is not ObjectInstance obj || value is Function)
            return null;
        if (depth >= MaxDepth)
            throw new ScriptValueException($"The value is nested deeper than {MaxDepth} levels.");
        if (!path.Add(obj))
            throw new ScriptValueException("The value refers to itself (a cycle); it cannot become JSON.");
        try
        {
            return obj is JsArray array ? Array(array, path, depth) : Object(obj, path, depth);
        }
        finally
        {
            path.Remove(obj);
        }
    }

    private static JsonArray Array(JsArray array, HashSet<ObjectInstance> path, int depth)
    {
        var result = new JsonArray();
        var length = array.Length;
        for (uint i = 0; i < length; i++)
            result.Add(Convert(array.Get(i), path, depth + 1));
        return result;
    }

    private static JsonObject Object(ObjectInstance obj, HashSet<ObjectInstance> path, int depth)
    {
        var result = new JsonObject();
        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            if (!obj.GetOwnProperty(key).Enumerable) continue;
            var member = obj.Get(key);
            if (member.IsUndefined() || member is Function || member.Type == Types.Symbol) continue;
            result[key.AsString()] = Convert(member, path, depth + 1);
        }
        return result;
    }

    private static JsonNode? Number(double number)
    {
        if (!double.IsFinite(number)) return null;
        // Whole numbers stay integers in JSON ("3", not "3.0"), as they were when they came in.
        return number == Math.Floor(number) && Math.Abs(number) < 9_007_199_254_740_992d
            ? JsonValue.Create((long)number)
            : JsonValue.Create(number);
    }
}

/// <summary>A script value that JSON cannot hold (a cycle, too deep).</summary>
internal sealed class ScriptValueException(string message) : Exception(message);
