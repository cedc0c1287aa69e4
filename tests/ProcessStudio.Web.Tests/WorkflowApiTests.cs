using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

public sealed class WorkflowApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Create_then_get_returns_the_saved_definition_in_the_envelope()
    {
        var id = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Create and get"));

        var response = (await _api.GetAsync($"/api/v1/workflows/{id}")).ShouldHave(HttpStatusCode.OK);

        response.Json["success"]!.GetValue<bool>().Should().BeTrue();
        response.Data["name"]!.GetValue<string>().Should().Be("Create and get");
        response.Data["version"]!.GetValue<int>().Should().Be(1);
        response.Data["definition"]!["nodes"]!.AsArray().Should().HaveCount(3);
        response.Data["definition"]!["schemaVersion"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task List_finds_workflows_by_search_text()
    {
        await _api.CreateWorkflowAsync(TestWorkflows.Hello("Invoice sync zebra"));

        var found = (await _api.GetAsync("/api/v1/workflows?search=zebra")).ShouldHave(HttpStatusCode.OK);

        found.Data.AsArray().Select(w => w!["name"]!.GetValue<string>()).Should().Equal("Invoice sync zebra");
    }

    [Fact]
    public async Task Put_saves_a_new_version_and_versions_keep_the_history()
    {
        var workflow = TestWorkflows.Hello("Versioned");
        var id = await _api.CreateWorkflowAsync(workflow);
        workflow.Id = id;
        workflow.Description = "second";

        var updated = (await _api.PutAsync($"/api/v1/workflows/{id}?comment=tweak", workflow)).ShouldHave(HttpStatusCode.OK);
        var versions = (await _api.GetAsync($"/api/v1/workflows/{id}/versions")).ShouldHave(HttpStatusCode.OK);
        var first = (await _api.GetAsync($"/api/v1/workflows/{id}/versions/1")).ShouldHave(HttpStatusCode.OK);

        updated.Data["version"]!.GetValue<int>().Should().Be(2);
        versions.Data.AsArray().Select(v => v!["version"]!.GetValue<int>()).Should().BeEquivalentTo([1, 2]);
        first.Data["description"].Should().BeNull();
    }

    [Fact]
    public async Task Put_with_a_stale_expected_version_is_a_conflict_and_saves_nothing()
    {
        var workflow = TestWorkflows.Hello("Stale edit");
        var id = await _api.CreateWorkflowAsync(workflow);
        workflow.Id = id;
        (await _api.PutAsync($"/api/v1/workflows/{id}?expectedVersion=1", workflow)).ShouldHave(HttpStatusCode.OK);

        (await _api.PutAsync($"/api/v1/workflows/{id}?expectedVersion=1", workflow)).ShouldBeProblem(HttpStatusCode.Conflict);

        (await _api.GetAsync($"/api/v1/workflows/{id}/versions")).Data.AsArray().Should().HaveCount(2);
    }

    [Fact]
    public async Task Put_to_an_unknown_id_is_404_and_a_mismatched_body_id_is_400()
    {
        var workflow = TestWorkflows.Hello("Put errors");
        var id = await _api.CreateWorkflowAsync(workflow);
        workflow.Id = Guid.NewGuid();

        (await _api.PutAsync($"/api/v1/workflows/{Guid.NewGuid()}", TestWorkflows.Hello("Nowhere"))).ShouldBeProblem(HttpStatusCode.NotFound);
        (await _api.PutAsync($"/api/v1/workflows/{id}", workflow)).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("id");
        (await _api.PutAsync($"/api/v1/workflows/{id}?expectedVersion=zero", workflow)).ShouldBeProblem(HttpStatusCode.BadRequest)
            .ErrorFields.Should().Equal("expectedVersion");
    }

    [Fact]
    public async Task Restore_saves_an_old_version_as_the_newest()
    {
        var workflow = TestWorkflows.Hello("Restore me");
        var id = await _api.CreateWorkflowAsync(workflow);
        workflow.Id = id;
        workflow.Name = "Renamed";
        await _api.PutAsync($"/api/v1/workflows/{id}", workflow);

        var restored = (await _api.PostAsync($"/api/v1/workflows/{id}/versions/1/restore")).ShouldHave(HttpStatusCode.OK);

        restored.Data["version"]!.GetValue<int>().Should().Be(3);
        restored.Data["name"]!.GetValue<string>().Should().Be("Restore me");
    }

    [Fact]
    public async Task Delete_removes_the_workflow()
    {
        var id = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Delete me"));

        (await _api.DeleteAsync($"/api/v1/workflows/{id}")).ShouldHave(HttpStatusCode.OK);

        (await _api.GetAsync($"/api/v1/workflows/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await _api.DeleteAsync($"/api/v1/workflows/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("GET", "/versions")]
    [InlineData("GET", "/versions/1")]
    [InlineData("GET", "/export")]
    [InlineData("POST", "/validate")]
    [InlineData("POST", "/versions/1/restore")]
    public async Task Unknown_workflow_ids_are_404_problems(string method, string suffix)
    {
        var response = await _api.SendAsync(new HttpMethod(method), $"/api/v1/workflows/{Guid.NewGuid()}{suffix}", null);

        response.ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_json_path()
    {
        const string broken = """{ "name": "x", "nodes": [ { "id": "a", "position": { "x": "left" } } ] }""";

        var response = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/workflows", broken);

        response.ShouldBeProblem(HttpStatusCode.BadRequest);
        response.ErrorFields.Should().ContainSingle().Which.Should().Be("$.nodes[0].position.x");
    }

    [Fact]
    public async Task Truncated_json_is_a_400_not_a_500()
    {
        var response = await _api.SendRawAsync(HttpMethod.Post, "/api/v1/workflows", """{ "name": "x", "nodes": [ """);

        response.ShouldBeProblem(HttpStatusCode.BadRequest);
        response.ErrorFields.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Invalid_graph_is_a_400_listing_each_problem_with_its_node_and_nothing_is_saved()
    {
        var workflow = TestWorkflows.Hello("Invalid graph");
        workflow.Nodes.Add(TestWorkflows.Node("mystery", "no-such-type", []));
        workflow.Nodes.Find(n => n.Id == "log")!.Settings.Remove("message");
        workflow.Connections.Add(new("log", "out", "ghost"));

        var response = await _api.PostAsync("/api/v1/workflows", workflow);

        response.ShouldBeProblem(HttpStatusCode.BadRequest);
        var problems = response.Json["problems"]!.AsArray();
        problems.Select(p => p!["nodeId"]?.GetValue<string>()).Should().Contain(["mystery", "log"]);
        problems.Should().Contain(p => p!["nodeId"]!.GetValue<string>() == "log" && p["setting"]!.GetValue<string>() == "message");
        response.ErrorFields.Should().Contain(["nodes[mystery].type", "nodes[log].settings.message"]);
        (await _api.GetAsync("/api/v1/workflows?search=Invalid graph")).Data.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_reports_problems_of_an_unsaved_workflow_without_saving_it()
    {
        var workflow = TestWorkflows.Hello("Validate only");
        workflow.Nodes.RemoveAll(n => n.Id == "start");

        var response = (await _api.PostAsync("/api/v1/workflows/validate", workflow)).ShouldHave(HttpStatusCode.OK);

        response.Data["valid"]!.GetValue<bool>().Should().BeFalse();
        response.Data["problems"]!.AsArray().Should().NotBeEmpty();
        (await _api.GetAsync("/api/v1/workflows?search=Validate only")).Data.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Validate_a_saved_workflow()
    {
        var id = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Valid saved"));

        var response = (await _api.PostAsync($"/api/v1/workflows/{id}/validate")).ShouldHave(HttpStatusCode.OK);

        response.Data["valid"]!.GetValue<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Export_downloads_the_workflow_json_as_a_file()
    {
        var id = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Export Me"));

        var response = (await _api.GetAsync($"/api/v1/workflows/{id}/export")).ShouldHave(HttpStatusCode.OK);

        response.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.ContentDisposition.FileNameStar.Should().Be("export-me.v1.json");
        response.Json["id"]!.GetValue<Guid>().Should().Be(id);
        response.Json["nodes"]!.AsArray().Should().HaveCount(3);
    }

    [Fact]
    public async Task Import_of_a_colliding_id_gets_a_new_id_unless_overwrite_is_asked()
    {
        var id = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Import collide"));
        var exported = (await _api.GetAsync($"/api/v1/workflows/{id}/export")).Body;

        var copy = (await _api.SendRawAsync(HttpMethod.Post, "/api/v1/workflows/import", exported)).ShouldHave(HttpStatusCode.Created);
        var overwritten = (await _api.SendRawAsync(HttpMethod.Post, "/api/v1/workflows/import?overwrite=true", exported)).ShouldHave(HttpStatusCode.Created);

        copy.Data["idChanged"]!.GetValue<bool>().Should().BeTrue();
        copy.Data["workflow"]!["id"]!.GetValue<Guid>().Should().NotBe(id);
        overwritten.Data["idChanged"]!.GetValue<bool>().Should().BeFalse();
        overwritten.Data["workflow"]!["id"]!.GetValue<Guid>().Should().Be(id);
        overwritten.Data["workflow"]!["version"]!.GetValue<int>().Should().Be(2);
    }

    [Fact]
    public async Task Import_accepts_a_multipart_file_upload()
    {
        var json = ApiClient.Serialize(TestWorkflows.Hello("Uploaded file"));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "uploaded.json");

        var response = (await _api.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/workflows/import") { Content = form }))
            .ShouldHave(HttpStatusCode.Created);

        response.Data["workflow"]!["name"]!.GetValue<string>().Should().Be("Uploaded file");
    }

    [Fact]
    public async Task A_body_over_the_configured_limit_is_413()
    {
        var workflow = TestWorkflows.Hello("Too big");
        workflow.Description = new string('x', 1024 * 1024 + 1);

        var response = await _api.PostAsync("/api/v1/workflows", workflow);

        response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await _api.GetAsync("/api/v1/workflows?search=Too big")).Data.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Unknown_api_routes_are_404_problems()
    {
        (await _api.GetAsync("/api/v1/no-such-thing")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_with_an_existing_id_is_a_conflict()
    {
        var workflow = TestWorkflows.Hello("Twice");
        workflow.Id = await _api.CreateWorkflowAsync(workflow);

        (await _api.PostAsync("/api/v1/workflows", workflow)).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Test_node_runs_one_node_with_the_given_input()
    {
        var id = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Node test"));

        var response = (await _api.PostAsync($"/api/v1/workflows/{id}/nodes/greet/test", new { input = new { name = "Ada" } }))
            .ShouldHave(HttpStatusCode.OK);

        response.Data["succeeded"]!.GetValue<bool>().Should().BeTrue();
        response.Data["output"]!.ToJsonString().Should().Contain("Hello Ada");
    }

    [Fact]
    public async Task Test_node_of_an_unknown_node_is_404()
    {
        var id = await _api.CreateWorkflowAsync(TestWorkflows.Hello("Node test 404"));

        (await _api.PostAsync($"/api/v1/workflows/{id}/nodes/nope/test", new { input = new JsonObject() })).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
