using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>Thin HTTP helpers that keep the raw response (status, content type, JSON) for assertions.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<ApiResponse> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    public Task<ApiResponse> DeleteAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, url));

    public Task<ApiResponse> PostAsync(string url, object? body = null) => SendAsync(HttpMethod.Post, url, body);

    public Task<ApiResponse> PutAsync(string url, object? body) => SendAsync(HttpMethod.Put, url, body);

    /// <summary>Sends text exactly as given (for malformed JSON and size tests).</summary>
    public Task<ApiResponse> SendRawAsync(HttpMethod method, string url, string content) =>
        SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(content, Encoding.UTF8, "application/json") });

    public Task<ApiResponse> SendAsync(HttpMethod method, string url, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = new StringContent(Serialize(body), Encoding.UTF8, "application/json");
        return SendAsync(request);
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, response.Content.Headers.ContentType, response.Content.Headers.ContentDisposition, text);
    }

    /// <summary>Saves a workflow through the API and returns its id.</summary>
    public async Task<Guid> CreateWorkflowAsync(WorkflowDefinition workflow)
    {
        var response = await PostAsync("/api/v1/workflows", workflow);
        response.ShouldHave(HttpStatusCode.Created);
        return response.Data["id"]!.GetValue<Guid>();
    }

    public async Task<Guid> StartAsync(Guid workflowId, object? input = null, IEnumerable<string>? breakpoints = null)
    {
        var response = await PostAsync("/api/v1/executions", new { workflowId, input, breakpoints });
        response.ShouldHave(HttpStatusCode.Created);
        return response.Data["id"]!.GetValue<Guid>();
    }

    /// <summary>Polls the run until <paramref name="done"/> holds for its JSON; fails with the last state after <paramref name="maxWait"/>.</summary>
    public async Task<JsonNode> WaitForExecutionAsync(Guid executionId, Func<JsonNode, bool> done, TimeSpan? maxWait = null)
    {
        var deadline = DateTime.UtcNow + (maxWait ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await GetAsync($"/api/v1/executions/{executionId}");
            response.ShouldHave(HttpStatusCode.OK);
            if (done(response.Data))
                return response.Data;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Execution {executionId} did not reach the expected state: {response.Body}");
            await Task.Delay(50);
        }
    }

    public Task<JsonNode> WaitForStatusAsync(Guid executionId, params string[] statuses) =>
        WaitForExecutionAsync(executionId, d => statuses.Contains(d["execution"]!["status"]!.GetValue<string>()));

    public static string Serialize(object body) =>
        body is WorkflowDefinition workflow ? WorkflowJson.Serialize(workflow) : JsonSerializer.Serialize(body, JsonSerializerOptions.Web);
}

public sealed record ApiResponse(HttpStatusCode Status, MediaTypeHeaderValue? ContentType, ContentDispositionHeaderValue? ContentDisposition, string Body)
{
    private JsonNode? _json;

    public JsonNode Json => _json ??= JsonNode.Parse(Body) ?? throw new InvalidOperationException("The response body is JSON null.");

    /// <summary>The envelope's data.</summary>
    public JsonNode Data => Json["data"]!;

    /// <summary>The problem's <c>errors</c> keys (the fields it names).</summary>
    public IReadOnlyList<string> ErrorFields => Json["errors"]?.AsObject().Select(e => e.Key).ToList() ?? [];

    public string ErrorText => Json["errors"]?.ToJsonString() ?? "";

    public ApiResponse ShouldHave(HttpStatusCode status)
    {
        Status.Should().Be(status, "the response was {0}", Body);
        return this;
    }

    /// <summary>Asserts an RFC 7807 problem with the status and the envelope's success flag set to false.</summary>
    public ApiResponse ShouldBeProblem(HttpStatusCode status)
    {
        ShouldHave(status);
        ContentType?.MediaType.Should().Be("application/problem+json");
        Json["status"]!.GetValue<int>().Should().Be((int)status);
        Json["success"]!.GetValue<bool>().Should().BeFalse();
        return this;
    }
}
