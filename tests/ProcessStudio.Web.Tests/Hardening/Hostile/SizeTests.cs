using System.Net;
using System.Text.Json.Nodes;
using static ProcessStudio.Web.Tests.Hardening.Hostile.Requests;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>Texts over their stored length limits, too many parts, and bodies over the request limit.</summary>
public sealed class SizeTests(HostileApp app) : HostileGroup(app)
{
    public static TheoryData<string> Names => HostileCases.Names(Cases);

    [Theory, MemberData(nameof(Names))]
    public Task Is_refused_with_a_problem_naming_the_field(string name) => ShouldBeRefusedAsync(HostileCases.Named(Cases, name));

    private static string Text(int length) => new('x', length);

    private static readonly HostileCase[] Cases =
    [
        new("name of 900,000 characters", PostWorkflow(w => w["name"] = Text(900_000)), "name"),
        new("name of 201 characters", PostWorkflow(w => w["name"] = Text(201)), "name"),
        new("description of 4,001 characters", PostWorkflow(w => w["description"] = Text(4_001)), "description"),
        new("node name of 201 characters", PostWorkflow(w => Node(w, 2)["name"] = Text(201)), "nodes[log].name"),
        new("node notes of 4,001 characters", PostWorkflow(w => Node(w, 2)["notes"] = Text(4_001)), "nodes[log].notes"),
        new("node id of 101 characters", PostWorkflow(w => Node(w, 2)["id"] = Text(101)), "nodes.id"),
        new("node type of 101 characters", PostWorkflow(w => Node(w, 2)["type"] = Text(101)), "nodes[log].type"),
        new("setting text of 100,001 characters", PostWorkflow(w => Node(w, 2)["settings"]!["message"] = Text(100_001)), "nodes[log].settings.message"),
        new("nested setting text of 100,001 characters", PostNode("http-request", new JsonObject
        {
            ["url"] = "https://example.com", ["headers"] = new JsonObject { ["X-Big"] = Text(100_001) },
        }), "nodes[n].settings.headers"),
        new("setting name of 101 characters", PostWorkflow(w => Node(w, 2)["settings"]![Text(101)] = 1), "nodes[log]"),
        new("pinned input text of 100,001 characters", PostWorkflow(w => Node(w, 2)["pinnedInput"] = Text(100_001)), "nodes[log].pinnedInput"),
        new("variable name of 101 characters", PostWorkflow(w => w["variables"]![0]!["name"] = Text(101)), "variables[0].name"),
        new("variable description of 1,001 characters", PostWorkflow(w => w["variables"]![0]!["description"] = Text(1_001)), "variables[0].description"),
        new("variable default text of 100,001 characters", PostWorkflow(w => w["variables"]![0]!["default"] = Text(100_001)), "variables[0].default"),
        new("port name of 101 characters", PostWorkflow(w => Connection(w, 0)["sourcePort"] = Text(101)), "connections[0].sourcePort"),
        new("2,001 nodes", PostWorkflow(w => AddLogs(w, 2_001)), "nodes"),
        new("501 variables", PostWorkflow(w => AddVariables(w, 501)), "variables"),
        new("version comment of 1,001 characters", _ => Raw(HttpMethod.Post, $"{Workflows}?comment={Text(1_001)}", Changed(_ => { })), "comment"),
        new("body over the request limit", _ => Raw(HttpMethod.Post, Workflows, Changed(w => w["description"] = Text(1_100_000))), "body",
            [HttpStatusCode.RequestEntityTooLarge]),
        new("run input over the request limit", a => Raw(HttpMethod.Post, "/api/v1/executions",
            $$"""{"workflowId":"{{a.SavedWorkflowId}}","input":"{{Text(1_100_000)}}"}"""), "body", [HttpStatusCode.RequestEntityTooLarge]),
        new("user name of 65 characters", _ => Raw(HttpMethod.Post, "/api/v1/users",
            $$"""{"userName":"{{Text(65)}}","password":"long enough password","role":"Viewer"}"""), "userName"),
        new("API key name of 65 characters", _ => Raw(HttpMethod.Post, "/api/v1/api-keys", $$"""{"name":"{{Text(65)}}","role":"Viewer"}"""), "name"),
    ];

    private static void AddLogs(JsonObject workflow, int count)
    {
        var nodes = workflow["nodes"]!.AsArray();
        for (var i = 0; i < count; i++)
            nodes.Add(new JsonObject { ["id"] = $"extra{i}", ["type"] = "log", ["name"] = $"extra{i}", ["settings"] = new JsonObject { ["message"] = "x" } });
    }

    private static void AddVariables(JsonObject workflow, int count)
    {
        var variables = workflow["variables"]!.AsArray();
        for (var i = 0; i < count; i++) variables.Add(new JsonObject { ["name"] = $"v{i}" });
    }
}
