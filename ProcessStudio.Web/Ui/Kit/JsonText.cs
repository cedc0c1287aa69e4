using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>Parses and formats the JSON people type into editors, with errors that name the line and column.</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <summary>A message describing why the text is not JSON, or null when it is.</summary>
    public static string? Validate(string? text, bool allowEmpty = true)
    {
        if (string.IsNullOrWhiteSpace(text)) return allowEmpty ? null : "Enter a JSON value.";
        try
        {
            JsonNode.Parse(text, documentOptions: Lenient);
            return null;
        }
        catch (JsonException ex)
        {
            return $"Invalid JSON at line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}.";
        }
    }

    public static JsonNode? Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text, documentOptions: Lenient);

    public static string Format(JsonNode? value) => value is null ? "" : value.ToJsonString(Indented);
}
