using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Sql;

/// <summary>Conversions between JSON values and ADO.NET parameter and column values.</summary>
internal static class SqlValues
{
    /// <summary>A parameter value: text, integer, real, boolean or null; objects and arrays as JSON text.</summary>
    public static object ToParameter(JsonNode? value) => value switch
    {
        null => DBNull.Value,
        JsonObject or JsonArray => value.ToJsonString(),
        JsonValue scalar => scalar.GetValueKind() switch
        {
            JsonValueKind.String => scalar.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when scalar.TryGetValue(out long whole) => whole,
            JsonValueKind.Number when scalar.TryGetValue(out int small) => (long)small,
            JsonValueKind.Number => Nodes.NodeJson.Number(scalar) is { } d && d == Math.Floor(d) && Math.Abs(d) < 9e15 ? (long)d : Nodes.NodeJson.Number(scalar)!,
            _ => DBNull.Value,
        },
        _ => DBNull.Value,
    };

    /// <summary>A column value as JSON: numbers stay numbers, times become ISO 8601 text, bytes Base64.</summary>
    public static JsonNode? FromColumn(object? value) => value switch
    {
        null or DBNull => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long or int or short or byte or sbyte or ushort or uint => JsonValue.Create(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        ulong big => JsonValue.Create(big),
        decimal exact => JsonValue.Create(exact),
        double or float => JsonValue.Create(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        DateTime time => JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset time => JsonValue.Create(time.ToString("O", CultureInfo.InvariantCulture)),
        DateOnly date => JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        TimeSpan or TimeOnly => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
        Guid id => JsonValue.Create(id.ToString("D")),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(FromColumn)]),   // PostgreSQL arrays
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
