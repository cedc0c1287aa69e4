using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Engine.Execution.Runtime;

/// <summary>
/// The size of a JSON value as written, estimated by walking it (characters count as bytes, a number as 8), without
/// serializing it: cheap enough for every output, and it stops as soon as a limit is passed.
/// </summary>
internal static class JsonSize
{
    /// <summary>False, with a size just over <paramref name="limit"/>, when the value is larger.</summary>
    public static bool TryMeasure(JsonNode? value, long limit, out long size)
    {
        size = 0;
        return Add(value, limit, ref size);
    }

    private static bool Add(JsonNode? value, long limit, ref long size)
    {
        switch (value)
        {
            case null:
                size += 4;
                break;
            case JsonObject obj:
                size += 2;
                foreach (var (name, item) in obj)
                {
                    size += name.Length + 4;
                    if (!Add(item, limit, ref size)) return false;
                }
                break;
            case JsonArray array:
                size += 2;
                foreach (var item in array)
                {
                    size += 1;
                    if (!Add(item, limit, ref size)) return false;
                }
                break;
            case JsonValue scalar:
                size += scalar.GetValueKind() switch
                {
                    // A string value may hold a DateTimeOffset or a Guid that is only written as text.
                    JsonValueKind.String => scalar.TryGetValue<string>(out var text) ? text.Length + 2 : 40,
                    JsonValueKind.True => 4,
                    JsonValueKind.False => 5,
                    _ => 8,
                };
                break;
        }
        return size <= limit;
    }

    /// <summary>"16 MiB", "512 KiB" or "900 B": limits as people configure them.</summary>
    public static string Format(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MiB",
        >= 1024 when bytes % 1024 == 0 => $"{bytes / 1024} KiB",
        _ => $"{bytes:N0} B",
    };
}
