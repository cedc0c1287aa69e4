using System.Globalization;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Web.Connections;

namespace ProcessStudio.Web.Api.Connections;

/// <summary>A connection without its secrets: <c>hasSecret</c> says, per secret field, whether a value is saved.</summary>
public sealed record ConnectionDto(Guid Id, string Name, string Type, JsonObject Fields, IReadOnlyDictionary<string, bool> HasSecret,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ConnectionDto From(ConnectionView view, ConnectionTypeCatalog types)
    {
        var declared = types.Find(view.Type)?.Descriptor.Fields.ToDictionary(f => f.Name) ?? [];
        var fields = new JsonObject();
        foreach (var (name, value) in view.Fields)
            fields[name] = declared.GetValueOrDefault(name)?.Kind == ConnectionFieldKind.Integer && int.TryParse(value, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : JsonValue.Create(value);
        return new(view.Id, view.Name, view.Type, fields, view.HasSecret, view.CreatedAt, view.UpdatedAt);
    }
}

public sealed record ConnectionTestDto(bool Success, string Message, IReadOnlyList<string> Transcript)
{
    public static ConnectionTestDto From(ConnectionTestResult result) => new(result.Success, result.Message, result.Transcript);
}
