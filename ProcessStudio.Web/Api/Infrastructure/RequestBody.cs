using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Hosting;

namespace ProcessStudio.Web.Api.Infrastructure;

/// <summary>
/// Reads request bodies within ProcessStudio:MaxRequestBodyBytes and turns malformed JSON into a 400 that names
/// the JSON path. Handlers read bodies through here rather than through parameter binding, so every error has one shape.
/// </summary>
public static class RequestBody
{
    public static long Limit(this HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IOptions<ProcessStudioOptions>>().Value.MaxRequestBodyBytes;

    /// <summary>Rejects a declared Content-Length over the limit and asks the server to enforce it while streaming.</summary>
    public static void EnforceLimit(this HttpRequest request)
    {
        var limit = request.Limit();
        if (request.ContentLength > limit)
            throw new PayloadTooLargeException(limit);
        var feature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
            feature.MaxRequestBodySize = limit;
    }

    /// <summary>The raw body, or an empty array when there is none.</summary>
    public static async Task<byte[]> ReadBytesAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = request.Limit();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new PayloadTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The raw body of a JSON request: JSON is UTF-8 (RFC 8259), and invalid bytes would be stored as U+FFFD.</summary>
    private static async Task<byte[]> ReadUtf8BytesAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await request.ReadBytesAsync(cancellationToken);
        return Utf8.IsValid(bytes) ? bytes : throw new ApiValidationException("body", "The request body is not valid UTF-8.");
    }

    /// <summary>Deserializes a required JSON body into a request DTO.</summary>
    public static async Task<T> ReadJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken) where T : class =>
        await request.ReadOptionalJsonAsync<T>(cancellationToken)
            ?? throw new ApiValidationException("body", "A JSON request body is required.");

    /// <summary>Deserializes a JSON body into a request DTO; null when the body is empty.</summary>
    public static async Task<T?> ReadOptionalJsonAsync<T>(this HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        var bytes = await request.ReadUtf8BytesAsync(cancellationToken);
        if (bytes.Length == 0)
            return null;
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            JsonText.RequireWellFormedStrings(bytes, new JsonDocumentOptions
            {
                CommentHandling = options.ReadCommentHandling, AllowTrailingCommas = options.AllowTrailingCommas, MaxDepth = options.MaxDepth,
            });
            return JsonSerializer.Deserialize<T>(bytes, options)
                ?? throw new ApiValidationException("body", "The JSON request body must be an object, not null.");
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }
    }

    /// <summary>Any JSON value (for run input); null when the body is empty.</summary>
    public static async Task<JsonNode?> ReadJsonNodeAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await request.ReadUtf8BytesAsync(cancellationToken);
        return ParseNode(bytes);
    }

    private static JsonNode? ParseNode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return null;
        try
        {
            return JsonText.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Malformed(ex);
        }
    }

    /// <summary>A workflow in the documented workflow format.</summary>
    public static async Task<WorkflowDefinition> ReadWorkflowAsync(this HttpRequest request, CancellationToken cancellationToken)
    {
        var bytes = await request.ReadUtf8BytesAsync(cancellationToken);
        if (bytes.Length == 0)
            throw new ApiValidationException("body", "A workflow JSON body is required.");
        return ParseWorkflow(System.Text.Encoding.UTF8.GetString(bytes));
    }

    public static WorkflowDefinition ParseWorkflow(string json)
    {
        try
        {
            return WorkflowJson.Deserialize(json);
        }
        catch (WorkflowFormatException ex)
        {
            throw new ApiValidationException(ex.Path, ex.Message);
        }
    }

    private static ApiValidationException Malformed(JsonException ex)
    {
        var path = ex.Path ?? "$";
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : "";
        return new ApiValidationException(
            new Dictionary<string, string[]> { [path] = [$"Malformed JSON at {path}{where}: {FirstSentence(ex.Message)}"] },
            "The request body is not valid JSON.");
    }

    // System.Text.Json appends "Path: ... | LineNumber: ..." which the entry already states.
    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Trim();
}
