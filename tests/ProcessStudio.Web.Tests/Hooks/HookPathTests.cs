using System.Net;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hooks;

/// <summary>One path, one workflow: saves that would share a path are refused, and saves and deletes move the route at once.</summary>
public sealed class HookPathTests(HookFixture app) : IClassFixture<HookFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Saving_a_second_workflow_with_a_taken_path_is_refused_naming_the_node_and_setting()
    {
        await _api.CreateWorkflowAsync(HookFixture.Flow("Owner", new { path = "taken" }, HookFixture.Log()));

        var response = await _api.PostAsync("/api/v1/workflows", HookFixture.Flow("Intruder", new { path = "Taken/" }, HookFixture.Log()));

        response.ShouldBeProblem(HttpStatusCode.BadRequest);
        response.ErrorFields.Should().Equal("nodes[hook].settings.path");
        response.Json["errors"]!["nodes[hook].settings.path"]![0]!.GetValue<string>().Should().Contain("already used by workflow 'Owner'");
        (await _api.GetAsync("/api/v1/workflows?search=Intruder")).Data.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task A_changed_path_moves_the_hook_and_a_deleted_workflow_stops_listening()
    {
        var workflow = HookFixture.Flow("Mover", new { path = "before" }, HookFixture.Log());
        var id = await _api.CreateWorkflowAsync(workflow);
        (await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "before", "{}"))).ShouldHave(HttpStatusCode.Accepted);

        workflow.Id = id;
        workflow.Nodes[0].Settings["path"] = "after";
        (await _api.PutAsync($"/api/v1/workflows/{id}", workflow)).ShouldHave(HttpStatusCode.OK);
        var old = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "before", "{}"));
        var moved = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "after", "{}"));
        (await _api.DeleteAsync($"/api/v1/workflows/{id}")).ShouldHave(HttpStatusCode.OK);
        var deleted = await _api.SendAsync(HookFixture.Request(HttpMethod.Post, "after", "{}"));

        old.ShouldBeProblem(HttpStatusCode.NotFound);
        moved.ShouldHave(HttpStatusCode.Accepted);
        deleted.ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
