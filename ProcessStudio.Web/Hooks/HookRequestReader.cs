using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using ProcessStudio.Engine.Webhooks;
using ProcessStudio.Web.Api.Infrastructure;

namespace ProcessStudio.Web.Hooks;

/// <summary>Reads a hook request's raw body within the size limit and turns the request into the run's input.</summary>
internal static class HookRequestReader
{
    /// <summary>Headers never copied into the run's input (and so never stored); the token header of a token-checked hook is dropped too.</summary>
    private static readonly string[] AlwaysDropped = ["cookie"];

    /// <summary>The raw body, or null when it is over <paramref name="limit"/> (declared or actually sent).</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return null;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit + 1;   // lets the loop below see one byte too many instead of Kestrel failing first

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        return buffer.ToArray();
    }

    /// <summary>The run's correlation id: the value of the trigger's correlation header (X-Correlation-Id unless set), if sent.</summary>
    public static string? CorrelationId(HttpRequest request, WebhookTriggerSettings settings) =>
        request.Headers.TryGetValue(settings.CorrelationHeader, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString() : null;

    /// <summary>{ body, headers, query, method, path }. Throws <see cref="JsonException"/> for a body declared JSON that is not.</summary>
    public static JsonObject ToInput(HttpRequest request, byte[] body, WebhookTriggerSettings settings)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (AlwaysDropped.Contains(lower)) continue;
            if (settings.Authentication == WebhookAuthentication.HeaderToken && lower.Equals(settings.HeaderName, StringComparison.OrdinalIgnoreCase)) continue;
            headers[lower] = values.ToString();
        }
        return WebhookRequest.Create(ParseBody(request, body), headers, Query(request.Query), request.Method, settings.Path);
    }

    private static JsonNode? ParseBody(HttpRequest request, byte[] body)
    {
        if (body.Length == 0) return null;
        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        if (mediaType == "application/json" || mediaType.EndsWith("+json"))
        {
            // The parser would keep invalid bytes and they would be stored as U+FFFD; JSON must be UTF-8 (RFC 8259).
            if (!Utf8.IsValid(body)) throw new JsonException("The body is not valid UTF-8.");
            return JsonText.Parse(body);
        }
        var text = Encoding.UTF8.GetString(body);
        return mediaType == "application/x-www-form-urlencoded" ? Query(QueryHelpers.ParseQuery(text)) : JsonValue.Create(text);
    }

    /// <summary>Single values as strings, repeated names as arrays of strings.</summary>
    private static JsonObject Query(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> pairs)
    {
        var result = new JsonObject();
        foreach (var (name, values) in pairs)
            result[name] = values.Count == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);
        return result;
    }
}
