using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using ProcessStudio.Engine.Connections;
using ProcessStudio.Engine.Connections.Http;
using ProcessStudio.Engine.Execution.Resilience;
using ProcessStudio.Engine.Net;
using ProcessStudio.Engine.Nodes.Settings;

namespace ProcessStudio.Engine.Nodes.Actions;

/// <summary>Calls an HTTP endpoint through the shared per-host circuit breaker. Output: {status, statusText, headers, body}.</summary>
public sealed class HttpRequestNode(IHttpClientFactory clients, HttpCircuitBreakers breakers, IOptions<EngineOptions> options,
    IConnectionResolver connections, ConnectionTypeCatalog connectionTypes) : NodeType
{
    public const string TypeName = "http-request";
    public const string ClientName = "ProcessStudio.HttpRequestNode";

    public override NodeDescriptor Descriptor { get; } = new()
    {
        Type = TypeName,
        DisplayName = "HTTP Request",
        Category = NodeCategory.Action,
        Description = "Sends an HTTP request. The body of the response is parsed as JSON when possible. Non-2xx responses fail the node or go to the error port.",
        Icon = "world",
        Outputs = [PortDescriptor.Out, PortDescriptor.Error],
        Settings =
        [
            new("method", "Method", SettingKind.Select) { Options = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"], Default = "GET", AllowsTemplates = false },
            new("url", "URL", SettingKind.Text) { Required = true, Placeholder = "https://api.example.com/items/{{ $json.id }}" },
            new("credential", "Credential", SettingKind.Connection)
            {
                ConnectionType = HttpCredentialType.Family, AllowsTemplates = false,
                Description = "Optional: Basic, Bearer, API key or OAuth2 credential from Settings → Connections.",
            },
            new("headers", "Headers", SettingKind.KeyValue),
            new("query", "Query parameters", SettingKind.KeyValue),
            new("bodyType", "Body type", SettingKind.Select) { Options = ["none", "json", "text"], Default = "none", AllowsTemplates = false },
            new("body", "Body", SettingKind.Json) { VisibleWhen = new("bodyType", ["json", "text"]), Description = "JSON value, or text for a text body; may hold {{ }} templates." },
            new("timeout", "Timeout", SettingKind.Duration) { Placeholder = "30s", Description = "Per attempt. Empty uses the engine default." },
            new("responseFormat", "Response format", SettingKind.Select) { Options = ["auto", "json", "text"], Default = "auto", AllowsTemplates = false },
            new("failOnNon2xx", "Fail on non-2xx", SettingKind.Boolean) { Default = true, Description = "Off: non-2xx responses go to the error port." },
        ],
    };

    public override async Task<NodeOutcome> ExecuteAsync(NodeContext context, CancellationToken cancellationToken)
    {
        var method = new HttpMethod(NodeJson.String(context.Setting("method")) ?? "GET");
        var uri = BuildUri(context, cancellationToken);
        var timeout = ReadTimeout(context);
        var bodyType = NodeJson.String(context.Setting("bodyType")) ?? "none";
        var body = bodyType == "none" ? null : context.Evaluated("body", cancellationToken);
        var headers = context.Evaluated("headers", cancellationToken) as JsonObject;
        var authentication = await HttpAuthentication.ResolveAsync(connections, connectionTypes, NodeJson.String(context.Setting("credential")), "Credential",
            cancellationToken);

        using var response = await SendAsync(uri, timeout, () => BuildRequest(method, uri, headers, bodyType, body), authentication, cancellationToken);
        var output = await ReadResponseAsync(response, NodeJson.String(context.Setting("responseFormat")) ?? "auto", cancellationToken);
        if (response.IsSuccessStatusCode) return NodeOutcome.Next(output);

        var failOnNon2xx = NodeJson.Bool(context.Setting("failOnNon2xx")) ?? true;
        if (failOnNon2xx) throw new HttpStatusException((int)response.StatusCode, method.Method, uri, output);
        return NodeOutcome.Next(output, PortDescriptor.Error.Name);
    }

    private static Uri BuildUri(NodeContext context, CancellationToken cancellationToken)
    {
        var url = context.EvaluatedText("url", cancellationToken);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new NodeFailedException($"URL '{url}' is not an absolute http(s) URL.", "InvalidUrl");
        if (context.Evaluated("query", cancellationToken) is not JsonObject query || query.Count == 0) return uri;

        var builder = new UriBuilder(uri);
        var pairs = query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value is null ? "" : NodeJson.AsText(p.Value))}");
        var existing = builder.Query.TrimStart('?');
        builder.Query = string.Join("&", existing.Length > 0 ? pairs.Prepend(existing) : pairs);
        return builder.Uri;
    }

    private TimeSpan ReadTimeout(NodeContext context)
    {
        var setting = context.Setting("timeout");
        if (setting is not null && DurationParser.TryParse(NodeJson.AsText(setting), out var timeout) && timeout > TimeSpan.Zero) return timeout;
        return TimeSpan.FromMilliseconds(options.Value.DefaultHttpTimeoutMs);
    }

    private static HttpRequestMessage BuildRequest(HttpMethod method, Uri uri, JsonObject? headers, string bodyType, JsonNode? body)
    {
        var request = new HttpRequestMessage(method, uri);
        if (bodyType == "json")
            request.Content = new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
        else if (bodyType == "text")
            request.Content = new StringContent(body is null ? "" : NodeJson.AsText(body), Encoding.UTF8, "text/plain");

        foreach (var (name, value) in headers ?? [])
        {
            var text = value is null ? "" : NodeJson.AsText(value);
            if (!request.Headers.TryAddWithoutValidation(name, text) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(Uri uri, TimeSpan timeout, Func<HttpRequestMessage> buildRequest, HttpAuthentication? authentication,
        CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        try
        {
            return await breakers.For(uri.Authority).ExecuteAsync(async token =>
            {
                using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(token);
                timeoutSource.CancelAfter(timeout);
                using var request = buildRequest();
                try
                {
                    if (authentication is null)
                        return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token);
                    return await SendAuthenticatedAsync(client, request, buildRequest, authentication, timeoutSource.Token);
                }
                catch (OperationCanceledException) when (!token.IsCancellationRequested)
                {
                    throw new TimeoutException($"{request.Method} {uri} timed out after {timeout.TotalMilliseconds:0} ms.");
                }
                catch (HttpRequestException ex) when (ex.InnerException is OutboundAddressRefusedException refused)
                {
                    // Not a transient failure: neither retried nor counted by the host's circuit breaker.
                    throw new NodeFailedException(refused.Message, "AddressRefused", inner: refused);
                }
                catch (HttpRequestException ex) when (ex.InnerException is not null)
                {
                    // "An error occurred while sending the request" alone hides the cause (refused, DNS, TLS): name it.
                    throw new HttpRequestException($"{request.Method} {uri} failed: {Causes(ex)}", ex, ex.StatusCode);
                }
            }, cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            throw new NodeFailedException($"The circuit for host {uri.Authority} is open after repeated failures; calls are refused until it closes. {ex.Message}",
                "CircuitOpen", inner: ex);
        }
    }

    /// <summary>Sends with the credential; after a 401 that the credential could renew (OAuth2), sends once more with the new one.</summary>
    private static async Task<HttpResponseMessage> SendAuthenticatedAsync(HttpClient client, HttpRequestMessage request, Func<HttpRequestMessage> buildRequest,
        HttpAuthentication authentication, CancellationToken cancellationToken)
    {
        await authentication.ApplyAsync(request, cancellationToken);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || !authentication.RenewAfterUnauthorized(request))
            return response;

        response.Dispose();
        using var again = buildRequest();   // a sent request cannot be sent twice
        await authentication.ApplyAsync(again, cancellationToken);
        return await client.SendAsync(again, HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    private static string Causes(Exception error)
    {
        var messages = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
            messages.Add(current.Message.TrimEnd('.'));
        return string.Join(" → ", messages.Distinct()) + ".";
    }

    private static async Task<JsonObject> ReadResponseAsync(HttpResponseMessage response, string format, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        JsonNode? body = format switch
        {
            "text" => JsonValue.Create(text),
            "json" => text.Length == 0 ? null : ParseJsonOrFail(text),
            _ => text.Length == 0 ? null : mediaType.Contains("json") || !mediaType.StartsWith("text/html") ? NodeJson.ParseOrText(text) : JsonValue.Create(text),
        };
        return new JsonObject
        {
            ["status"] = (int)response.StatusCode,
            ["statusText"] = response.ReasonPhrase,
            ["headers"] = ReadHeaders(response),
            ["body"] = body,
        };
    }

    private static JsonNode? ParseJsonOrFail(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException ex) { throw new NodeFailedException($"The response is not valid JSON: {ex.Message}", "InvalidResponse"); }
    }

    private static JsonObject ReadHeaders(HttpResponseMessage response)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            headers[name.ToLowerInvariant()] = string.Join(", ", values);
        return headers;
    }
}

/// <summary>A non-2xx response treated as a failure. 5xx, 408 and 429 count as transient for retries and the circuit breaker.</summary>
public sealed class HttpStatusException(int statusCode, string method, Uri uri, JsonNode? response)
    : NodeFailedException($"{method} {uri} returned HTTP {statusCode}.", "HttpStatus", response)
{
    public int StatusCode { get; } = statusCode;
    public bool IsTransient => StatusCode is >= 500 or 408 or 429;
}
