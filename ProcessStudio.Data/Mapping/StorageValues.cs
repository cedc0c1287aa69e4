using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ProcessStudio.Data.Mapping;

/// <summary>How engine values are written to columns: lower-case GUID text, Unix milliseconds, JSON text.</summary>
internal static class StorageValues
{
    /// <summary>Options for the store's own JSON columns (attempt logs, progress, breakpoints): generated where it has them.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(StorageJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };

    public static string Id(Guid id) => id.ToString("D");
    public static string? Id(Guid? id) => id?.ToString("D");
    public static Guid ToGuid(string id) => Guid.Parse(id);
    public static Guid? ToOptionalGuid(string? id) => id is null ? null : Guid.Parse(id);

    public static long Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
    public static long? Time(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();
    public static DateTimeOffset ToTime(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    public static DateTimeOffset? ToTime(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    public static string? Json(JsonNode? node) => node?.ToJsonString();
    public static JsonNode? ToJsonNode(string? json) => json is null ? null : JsonNode.Parse(json);

    public static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);
    public static T? FromJson<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, JsonOptions);
}
