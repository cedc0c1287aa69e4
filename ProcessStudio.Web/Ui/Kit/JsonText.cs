using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Web.Ui.Kit;

/// <summary>Parses and formats the JSON people type into editors, with errors that name the line and column.</summary>
public static class JsonText
{
    // Text for people: quotes, apostrophes and non-ASCII stay as written (Blazor HTML-encodes what it renders), where
    // the default encoder would show \u0027 for ' and \u003C for <.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
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

    /// <summary>One value on one line, for trees and tables.</summary>
    public static string Inline(JsonNode? value) => value is null ? "null" : value.ToJsonString(Compact);
}
