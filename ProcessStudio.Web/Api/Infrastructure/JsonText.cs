using System.Text.Json;
using System.Text.Json.Nodes;

namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>
/// Parses JSON that will be stored or passed on. The parser accepts escaped lone surrogates ("\ud800") and only fails
/// when the value is written back out, long after the request was accepted; they are refused here instead.
/// </summary>
public static class JsonText
{
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, JsonDocumentOptions options = default)
    {
        RequireWellFormedStrings(utf8, options);
        return JsonNode.Parse(utf8, documentOptions: options);
    }

    /// <summary>Throws <see cref="JsonException"/> for malformed JSON or a string that no writer could write back.</summary>
    public static void RequireWellFormedStrings(ReadOnlySpan<byte> utf8, JsonDocumentOptions options)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            CommentHandling = options.CommentHandling,
            AllowTrailingCommas = options.AllowTrailingCommas,
            MaxDepth = options.MaxDepth,
        });
        var lastProperty = "";   // names the field in the error: the property the bad string is in (or is)
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)) continue;
            try
            {
                var text = reader.ValueIsEscaped || reader.TokenType == JsonTokenType.PropertyName ? reader.GetString() : null;
                if (reader.TokenType == JsonTokenType.PropertyName) lastProperty = text!;
            }
            catch (InvalidOperationException ex)
            {
                var path = lastProperty.Length == 0 ? "$" : $"$.{lastProperty}";
                throw new JsonException($"A string is not valid text: {ex.Message}", path, lineNumber: null, bytePositionInLine: reader.TokenStartIndex);
            }
        }
    }
}
