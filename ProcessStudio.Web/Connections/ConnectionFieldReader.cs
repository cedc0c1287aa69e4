using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Connections;

namespace ProcessStudio.Web.Connections;

/// <summary>The field values of a request, checked against the type's declared fields.</summary>
public sealed record FieldChanges(IReadOnlyDictionary<string, string> Plain, IReadOnlyDictionary<string, string?> Secrets);

/// <summary>Reads a request's <c>fields</c> object: kinds, options, ranges, required values and defaults. Errors are keyed "fields.name".</summary>
public static class ConnectionFieldReader
{
    public static FieldChanges Read(ConnectionTypeDescriptor type, JsonObject? input, Dictionary<string, List<string>> errors)
    {
        input ??= [];
        var declared = type.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var (name, _) in input)
            if (!declared.ContainsKey(name))
                AddError(errors, $"fields.{name}", $"'{name}' is not a field of {type.DisplayName} connections.");

        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in type.Fields)
        {
            var present = input.TryGetPropertyValue(field.Name, out var value);
            if (!field.IsVisible(name => TextOf(input, declared, name)))
            {
                if (field.Secret) secrets[field.Name] = null;   // a hidden secret is not kept (PostgreSQL's string after switching to SQLite)
                continue;
            }
            if (field.Secret)
            {
                if (present)
                    secrets[field.Name] = value is null ? null : ReadText(value) is { Length: > 0 } text ? text : null;
                continue;
            }
            var (parsed, error) = ReadPlain(field, value);
            if (error is not null)
                AddError(errors, $"fields.{field.Name}", $"'{field.Label}' {error}");
            else if ((parsed ?? field.Default) is { } final)
                plain[field.Name] = final;
            else if (field.Required)
                AddError(errors, $"fields.{field.Name}", $"'{field.Label}' is required.");
        }
        return new FieldChanges(plain, secrets);
    }

    public static void AddError(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var list))
            errors[key] = list = [];
        list.Add(message);
    }

    /// <summary>The value as stored text (null when empty), or what is wrong with it.</summary>
    private static (string? Value, string? Error) ReadPlain(ConnectionFieldDescriptor field, JsonNode? value)
    {
        if (value is null || (value is JsonValue v && v.TryGetValue(out string? s) && string.IsNullOrWhiteSpace(s)))
            return (null, null);
        switch (field.Kind)
        {
            case ConnectionFieldKind.Integer:
                var number = value.GetValueKind() == JsonValueKind.Number && value.AsValue().TryGetValue(out int n) ? n
                    : ReadText(value) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
                    : (int?)null;
                if (number is null) return (null, "must be a whole number.");
                if (number < field.Min) return (null, $"must be at least {field.Min}.");
                if (number > field.Max) return (null, $"must be at most {field.Max}.");
                return (number.Value.ToString(CultureInfo.InvariantCulture), null);
            case ConnectionFieldKind.Select:
                var option = ReadText(value);
                return field.Options?.Contains(option) == true ? (option, null) : (null, $"must be one of: {string.Join(", ", field.Options ?? [])}.");
            default:
                return ReadText(value) is { } plainText ? (plainText.Trim(), null) : (null, "must be text.");
        }
    }

    /// <summary>The submitted text of a field, or its default: what decides which other fields apply.</summary>
    private static string? TextOf(JsonObject input, Dictionary<string, ConnectionFieldDescriptor> declared, string name) =>
        (input[name] is { } value ? ReadText(value) : null) ?? declared.GetValueOrDefault(name)?.Default;

    private static string? ReadText(JsonNode value) => value is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
