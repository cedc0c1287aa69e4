using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>Arranges scenarios through the app's REST API (<c>/api/v1/workflows</c>, <c>/api/v1/executions</c>).</summary>
public sealed class ProcessStudioApi(HttpClient http) : IDisposable
{
    private static readonly JsonSerializerOptions Json = WorkflowJson.Options;

    public HttpClient Http => http;

    /// <summary>A client of the app at <paramref name="baseAddress"/>, authenticated with the test admin's API key.</summary>
    public static ProcessStudioApi For(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestCredentials.AdminApiKey);
        return new ProcessStudioApi(client);
    }

    /// <summary>Saves the workflow (a new one or a new version) and returns its id.</summary>
    public async Task<Guid> SaveWorkflowAsync(WorkflowDefinition workflow, CancellationToken cancellationToken = default)
    {
        var data = await SendAsync(HttpMethod.Post, "api/v1/workflows", JsonSerializer.SerializeToNode(workflow, Json), cancellationToken);
        return ReadGuid(data, "id", "workflowId");
    }

    /// <summary>Starts a run of the latest version and returns the execution id.</summary>
    public async Task<Guid> StartAsync(Guid workflowId, JsonNode? input = null, IReadOnlyList<string>? breakpoints = null,
        CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["workflowId"] = workflowId.ToString(),
            ["input"] = input?.DeepClone(),
            ["breakpoints"] = new JsonArray((breakpoints ?? []).Select(b => (JsonNode?)b).ToArray()),
        };
        var data = await SendAsync(HttpMethod.Post, "api/v1/executions", body, cancellationToken);
        return ReadGuid(data, "id", "executionId");
    }

    /// <summary>The execution with its per-node states: <c>{ execution, nodes, activations }</c>.</summary>
    public async Task<JsonObject> GetExecutionAsync(Guid executionId, CancellationToken cancellationToken = default) =>
        (JsonObject)(await SendAsync(HttpMethod.Get, $"api/v1/executions/{executionId}", null, cancellationToken))!;

    public Task PauseAsync(Guid executionId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/executions/{executionId}/pause", null, cancellationToken);

    public Task CancelAsync(Guid executionId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"api/v1/executions/{executionId}/cancel", null, cancellationToken);

    /// <summary>Polls the execution until its status is one of <paramref name="statuses"/> (arranging only; UI assertions wait on the DOM).</summary>
    public async Task<string> WaitForStatusAsync(Guid executionId, TimeSpan timeout, params string[] statuses)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? status = null;
        while (!cts.IsCancellationRequested)
        {
            var detail = await GetExecutionAsync(executionId, cts.Token);
            status = (detail["execution"] ?? detail)["status"]?.GetValue<string>();
            if (status is not null && statuses.Contains(status, StringComparer.OrdinalIgnoreCase)) return status;
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"Execution {executionId} is '{status}', not one of [{string.Join(", ", statuses)}] after {timeout}.");
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        return Unwrap(text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Accepts both the seed envelope <c>{ success, data }</c> and a bare resource.</summary>
    private static JsonNode? Unwrap(JsonNode? root) =>
        root is JsonObject obj && obj.ContainsKey("success") && obj.TryGetPropertyValue("data", out var data) ? data : root;

    private static Guid ReadGuid(JsonNode? data, params string[] names)
    {
        foreach (var name in names)
            if (data?[name]?.GetValue<string>() is { } value && Guid.TryParse(value, out var id)) return id;
        throw new InvalidOperationException($"The response has no {string.Join(" or ", names)}: {data?.ToJsonString()}");
    }

    public void Dispose() => http.Dispose();
}
