using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>GET /api/v1/node-types: every node type with its ports, settings schema and documentation; Data nodes through the API.</summary>
public sealed class NodeTypeApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task The_catalogue_lists_every_type_with_a_settings_schema_and_its_docs()
    {
        var types = (await _api.GetAsync("/api/v1/node-types")).ShouldHave(HttpStatusCode.OK).Data.AsArray();

        // 19 built-in, 14 Data, Code and Execute SQL, and the control-flow nodes (End, Cancel, Lock, Unlock, Milestone).
        types.Count.Should().BeGreaterThanOrEqualTo(35);
        foreach (var type in types)
        {
            var name = type!["type"]!.GetValue<string>();
            type["description"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(name);
            type["icon"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace(name);
            var settings = type["settings"]!.AsArray();
            if (settings.Count > 0) settings.Should().OnlyContain(s => s!["name"]!.GetValue<string>().Length > 0 && s["label"]!.GetValue<string>().Length > 0 && s["kind"] != null, name);
            var docs = type["docs"]?.GetValue<string>();
            docs.Should().NotBeNull($"docs/nodes.md needs a section for {name}");
            docs.Should().StartWith("### ").And.Contain($"(`{name}`)").And.Contain("```json");
            if (settings.Count == 0) docs.Should().Contain("```json\n{}\n```", $"{name} has no settings, and its example says so");
        }
        types.Select(t => t!["category"]!.GetValue<string>()).Should().Contain(["trigger", "action", "logic", "data"]);
    }

    [Fact]
    public async Task One_type_is_served_by_name_and_an_unknown_one_is_a_404()
    {
        var filter = (await _api.GetAsync("/api/v1/node-types/filter")).ShouldHave(HttpStatusCode.OK).Data;

        filter["displayName"]!.GetValue<string>().Should().Be("Filter");
        filter["settings"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Should().Contain(["items", "mode", "conditions", "expression"]);
        filter["docs"]!.GetValue<string>().Should().Contain("Keeps the items that match");
        (await _api.GetAsync("/api/v1/node-types/teleport")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_data_node_with_bad_settings_is_refused_at_save_naming_the_field()
    {
        var workflow = TestWorkflows.Chain("Bad filter", TestWorkflows.Node("f", "filter", new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject { ["field"] = "a..b", ["operator"] = "equals" }),
        }));

        var response = (await _api.PostAsync("/api/v1/workflows", workflow)).ShouldBeProblem(HttpStatusCode.BadRequest);

        response.ErrorFields.Should().Contain("nodes[f].settings.conditions[0].field");
    }

    [Fact]
    public async Task Write_file_writes_into_the_files_folder_under_the_data_folder_and_refuses_a_way_out()
    {
        var workflow = TestWorkflows.Chain("Files", TestWorkflows.Node("write", "write-file", new JsonObject
        {
            ["path"] = "{{ $json.path }}", ["content"] = "hello",
        }));
        var id = await _api.CreateWorkflowAsync(workflow);

        var ok = await _api.WaitForStatusAsync(await _api.StartAsync(id, new { path = "out/hello.txt" }), "completed", "failed");
        var escape = await _api.WaitForStatusAsync(await _api.StartAsync(id, new { path = "../escape.txt" }), "completed", "failed");

        ok["execution"]!["status"]!.GetValue<string>().Should().Be("completed", ok.ToJsonString());
        File.ReadAllText(Path.Combine(app.Factory.DataFolder, "files", "out", "hello.txt")).Should().Be("hello");
        escape["execution"]!["status"]!.GetValue<string>().Should().Be("failed");
        escape["execution"]!["error"]!["message"]!.GetValue<string>().Should().Be("Node 'write' failed: '../escape.txt' leads outside the files folder.");
        File.Exists(Path.Combine(app.Factory.DataFolder, "escape.txt")).Should().BeFalse();
    }
}
