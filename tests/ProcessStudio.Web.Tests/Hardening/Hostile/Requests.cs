using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Builders for hostile requests: raw bodies, and valid workflows with one part made hostile.</summary>
public static class Requests
{
    public const string Workflows = "/api/v1/workflows";

    public static HttpRequestMessage Raw(HttpMethod method, string url, string? body, string? contentType = "application/json") =>
        Bytes(method, url, body is null ? null : Encoding.UTF8.GetBytes(body), contentType);

    public static HttpRequestMessage Bytes(HttpMethod method, string url, byte[]? body, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is null) return request;
        request.Content = new ByteArrayContent(body);
        if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    /// <summary>POST /workflows with exactly this text as the body.</summary>
    public static Func<HostileApp, HttpRequestMessage> PostWorkflow(string json) => _ => Raw(HttpMethod.Post, Workflows, json);

    /// <summary>POST /workflows with a valid workflow (trigger, Set Variables, Log) changed by <paramref name="change"/>.</summary>
    public static Func<HostileApp, HttpRequestMessage> PostWorkflow(Action<JsonObject> change) => _ => Raw(HttpMethod.Post, Workflows, Changed(change));

    /// <summary>A workflow of a trigger and one node of <paramref name="type"/> with these settings.</summary>
    public static Func<HostileApp, HttpRequestMessage> PostNode(string type, JsonObject settings) =>
        _ => Raw(HttpMethod.Post, Workflows, ApiClient.Serialize(TestWorkflows.Chain("Hostile node", TestWorkflows.Node("n", type, settings))));

    public static Func<HostileApp, HttpRequestMessage> PostNode(string type, string settingsJson) => PostNode(type, JsonNode.Parse(settingsJson)!.AsObject());

    public static string Changed(Action<JsonObject> change)
    {
        var workflow = JsonNode.Parse(WorkflowJson.Serialize(TestWorkflows.Hello("Hostile")))!.AsObject();
        change(workflow);
        return workflow.ToJsonString();
    }

    public static JsonObject Node(JsonObject workflow, int index) => workflow["nodes"]![index]!.AsObject();

    public static JsonObject Connection(JsonObject workflow, int index) => workflow["connections"]![index]!.AsObject();
}
