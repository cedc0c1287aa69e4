using System.Net;
using System.Text.Json.Nodes;
using ProcessStudio.Engine.Model;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>Appending items to a running For Each through POST /api/v1/executions/{id}/nodes/{nodeId}/items.</summary>
public sealed class ForEachItemsApiTests
{
    /// <summary>A For Each open for appends over one item; each iteration doubles its item.</summary>
    private static WorkflowDefinition Feed(string appends)
    {
        var workflow = TestWorkflows.Chain("Feed " + appends,
            TestWorkflows.Node("each", "for-each", new JsonObject { ["items"] = "[1]", ["appends"] = appends }));
        workflow.Nodes.Add(TestWorkflows.Node("double", "transform", new JsonObject { ["fields"] = new JsonObject { ["v"] = "{{ $item * 2 }}" } }));
        workflow.Connections.Add(new Connection("each", "item", "double"));
        return workflow;
    }

    [Fact]
    public async Task Items_appended_through_the_api_run_and_close_ends_the_for_each()
    {
        using var folder = new TempFolder();
        await using var app = new AppFactory(folder.Path);
        var api = new ApiClient(app.CreateClient());
        var executionId = await api.StartAsync(await api.CreateWorkflowAsync(Feed("untilClosed")));
        await api.WaitForStatusAsync(executionId, "waiting", "failed");
        var url = $"/api/v1/executions/{executionId}/nodes/each/items";

        (await api.PostAsync(url, new { items = new[] { 2, 3 } })).ShouldHave(HttpStatusCode.OK);
        (await api.PostAsync(url, new { close = true })).ShouldHave(HttpStatusCode.OK);
        var done = await api.WaitForStatusAsync(executionId, "completed", "failed");

        done["execution"]!["status"]!.GetValue<string>().Should().Be("completed");
        done["execution"]!["output"]!.AsArray().Select(r => r!["v"]!.GetValue<long>()).Should().Equal(2L, 4L, 6L);
        (await api.PostAsync(url, new { items = new[] { 4 } })).ShouldBeProblem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_body_without_an_items_array_is_a_400_naming_items_and_a_for_each_without_appends_is_a_409()
    {
        using var folder = new TempFolder();
        await using var app = new AppFactory(folder.Path);
        var api = new ApiClient(app.CreateClient());
        var executionId = await api.StartAsync(await api.CreateWorkflowAsync(Feed("untilClosed")));
        await api.WaitForStatusAsync(executionId, "waiting", "failed");
        var url = $"/api/v1/executions/{executionId}/nodes/each/items";

        (await api.PostAsync(url, new { items = "not a list" })).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("items");
        (await api.PostAsync(url, new { })).ShouldBeProblem(HttpStatusCode.BadRequest).ErrorFields.Should().Equal("items");
        (await api.PostAsync($"/api/v1/executions/{Guid.NewGuid()}/nodes/each/items", new { close = true })).ShouldBeProblem(HttpStatusCode.NotFound);

        var closed = await api.StartAsync(await api.CreateWorkflowAsync(Feed("none")));
        await api.WaitForStatusAsync(closed, "completed", "failed");
        (await api.PostAsync($"/api/v1/executions/{closed}/nodes/each/items", new { items = new[] { 2 } })).ShouldBeProblem(HttpStatusCode.Conflict);
    }
}
