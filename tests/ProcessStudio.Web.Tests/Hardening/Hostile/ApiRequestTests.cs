using System.Net;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>API calls with the wrong content type, broken bodies and out-of-range query parameters.</summary>
public sealed class ApiRequestTests(HostileApp app) : HostileGroup(app)
{
    private const string Executions = "/api/v1/executions";

    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static HostileCase Unsupported(string name, string contentType) =>
        new($"workflow sent as {name}", _ => Raw(HttpMethod.Post, Workflows, Changed(_ => { }), contentType), "Content-Type", [HttpStatusCode.UnsupportedMediaType]);

    private static HostileCase Query(string url, string field) => new($"query {url}", _ => Raw(HttpMethod.Get, url, null), field);

    private static readonly HostileCase[] Cases =
    [
        Unsupported("text/plain", "text/plain"),
        Unsupported("a form", "application/x-www-form-urlencoded"),
        Unsupported("multipart", "multipart/form-data; boundary=x"),
        Unsupported("XML", "application/xml"),
        Unsupported("octet-stream", "application/octet-stream"),
        new("run start as text/plain", a => Raw(HttpMethod.Post, Executions, $$"""{"workflowId":"{{a.SavedWorkflowId}}"}""", "text/plain"), "Content-Type",
            [HttpStatusCode.UnsupportedMediaType]),
        new("run start without a content type", a => Raw(HttpMethod.Post, Executions, $$"""{"workflowId":"{{a.SavedWorkflowId}}"}""", null), "Content-Type",
            [HttpStatusCode.UnsupportedMediaType]),
        new("PUT as text/plain", a => Raw(HttpMethod.Put, $"{Workflows}/{a.SavedWorkflowId}", Changed(_ => { }), "text/plain"), "Content-Type",
            [HttpStatusCode.UnsupportedMediaType]),
        new("run start with a workflow id that is not a GUID", _ => Raw(HttpMethod.Post, Executions, """{"workflowId":"nope"}"""), "workflowId"),
        new("run start with a body that is an array", _ => Raw(HttpMethod.Post, Executions, "[1,2]"), "$"),
        new("run start with a body cut off", _ => Raw(HttpMethod.Post, Executions, "{\"workflowId\":"), "$"),
        new("run start with breakpoints as text", a => Raw(HttpMethod.Post, Executions, $$"""{"workflowId":"{{a.SavedWorkflowId}}","breakpoints":"all"}"""),
            "breakpoints"),
        new("seed execute with a process id that is not a GUID", _ => Raw(HttpMethod.Post, "/api/v1/process-engine/executions/processes/execute?processID=nope", "{}"),
            "processID"),
        new("PUT with an expected version of 0", a => Raw(HttpMethod.Put, $"{Workflows}/{a.SavedWorkflowId}?expectedVersion=0", Changed(_ => { })), "expectedVersion"),
        new("PUT with an expected version beyond int", a => Raw(HttpMethod.Put, $"{Workflows}/{a.SavedWorkflowId}?expectedVersion=99999999999", Changed(_ => { })),
            "expectedVersion"),
        new("DELETE with an expected version as text", a => Raw(HttpMethod.Delete, $"{Workflows}/{a.SavedWorkflowId}?expectedVersion=latest", null), "expectedVersion"),
        Query($"{Executions}?limit=0", "limit"),
        Query($"{Executions}?limit=1000000", "limit"),
        Query($"{Executions}?offset=-1", "offset"),
        Query($"{Executions}?status=exploded", "status"),
        Query($"{Executions}?from=yesterday", "from"),
        Query($"{Executions}?workflowId=nope", "workflowId"),
        Query($"{Executions}?sortBy=mood", "sortBy"),
    ];
}
