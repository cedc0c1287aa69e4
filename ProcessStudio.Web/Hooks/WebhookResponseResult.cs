using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Webhooks;

namespace ProcessStudio.Web.Hooks;

/// <summary>Writes a Respond node's answer: its status and headers, a JSON body as application/json and a text body as text/plain.</summary>
internal sealed class WebhookResponseResult(WebhookResponse response) : IResult
{
    /// <summary>Headers the server owns; a workflow cannot set them.</summary>
    private static readonly string[] Reserved = ["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "trailer"];

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext.Response;
        http.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
            if (!Reserved.Contains(name.ToLowerInvariant()))
                http.Headers[name] = value;

        if (response.Body is null) return;
        var isText = response.Body is JsonValue scalar && scalar.TryGetValue(out string? _);
        var text = isText ? response.Body.GetValue<string>() : response.Body.ToJsonString();
        if (!response.Headers.ContainsKey("Content-Type"))
            http.ContentType = isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
        await http.WriteAsync(text, Encoding.UTF8, httpContext.RequestAborted);
    }
}
