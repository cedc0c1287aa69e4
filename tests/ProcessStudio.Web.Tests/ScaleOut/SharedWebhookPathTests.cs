using System.Net;
using ProcessStudio.Web.Tests.Hooks;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>Two instances on one PostgreSQL share the webhook route table: one path, one workflow, known everywhere.</summary>
[Collection(SeveralInstancesCollection.Name)]
public sealed class SharedWebhookPathTests
{
    [PostgresFact]
    public async Task A_webhook_path_saved_on_one_instance_is_answered_by_the_other_without_a_restart()
    {
        await using var cluster = await TwoInstances.StartAsync();
        (await cluster.ApiB.SendAsync(HookFixture.Request(HttpMethod.Post, "orders", "{}"))).ShouldBeProblem(HttpStatusCode.NotFound);

        await cluster.ApiA.CreateWorkflowAsync(HookFixture.Flow("Orders", new { path = "orders" }, HookFixture.Log()));

        var answer = await UntilAsync(() => cluster.ApiB.SendAsync(HookFixture.Request(HttpMethod.Post, "orders", "{}")),
            r => r.Status != HttpStatusCode.NotFound);
        answer.ShouldHave(HttpStatusCode.Accepted);
    }

    [PostgresFact]
    public async Task A_deleted_workflow_stops_answering_on_the_other_instance()
    {
        await using var cluster = await TwoInstances.StartAsync();
        var id = await cluster.ApiA.CreateWorkflowAsync(HookFixture.Flow("Leaving", new { path = "leaving" }, HookFixture.Log()));
        await UntilAsync(() => cluster.ApiB.SendAsync(HookFixture.Request(HttpMethod.Post, "leaving", "{}")), r => r.Status == HttpStatusCode.Accepted);

        (await cluster.ApiA.DeleteAsync($"/api/v1/workflows/{id}")).ShouldHave(HttpStatusCode.OK);

        var answer = await UntilAsync(() => cluster.ApiB.SendAsync(HookFixture.Request(HttpMethod.Post, "leaving", "{}")),
            r => r.Status != HttpStatusCode.Accepted);
        answer.ShouldBeProblem(HttpStatusCode.NotFound);
        (await cluster.Database.ScalarAsync("""SELECT COUNT(*) FROM "WebhookPaths" WHERE "Path" = 'leaving'""")).Should().Be(0);
    }

    [PostgresFact]
    public async Task Two_instances_saving_one_path_at_the_same_moment_give_it_to_one_workflow()
    {
        await using var cluster = await TwoInstances.StartAsync();
        for (var round = 0; round < 5; round++)
        {
            var path = $"race-{round}";
            var responses = await Task.WhenAll(
                cluster.ApiA.PostAsync("/api/v1/workflows", HookFixture.Flow($"A {round}", new { path }, HookFixture.Log())),
                cluster.ApiB.PostAsync("/api/v1/workflows", HookFixture.Flow($"B {round}", new { path }, HookFixture.Log())));

            responses.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1, $"one save wins path '{path}'");
            var loser = responses.Single(r => r.Status != HttpStatusCode.Created);
            loser.Status.Should().BeOneOf([HttpStatusCode.Conflict, HttpStatusCode.BadRequest], "refused as taken, not failed");
            loser.Body.Should().Contain(path);
            var winner = responses.Single(r => r.Status == HttpStatusCode.Created).Data["id"]!.GetValue<Guid>();
            (await cluster.Database.ScalarAsync($"""SELECT COUNT(*) FROM "WebhookPaths" WHERE "Path" = '{path}' AND "WorkflowId" = '{winner}'"""))
                .Should().Be(1);
        }
    }

    [PostgresFact]
    public async Task A_path_taken_through_another_instance_a_moment_ago_is_refused_with_a_409_naming_it()
    {
        await using var cluster = await TwoInstances.StartAsync();
        var owner = Guid.NewGuid();
        // What the other instance's save leaves behind before this one hears of it.
        await cluster.Database.ScalarAsync(
            $"""INSERT INTO "WebhookPaths" ("Path", "WorkflowId", "NodeId", "ClaimedAt") VALUES ('invoices', '{owner}', 'hook', 0) RETURNING 1""");

        var response = await cluster.ApiA.PostAsync("/api/v1/workflows", HookFixture.Flow("Late", new { path = "Invoices" }, HookFixture.Log()));

        response.ShouldBeProblem(HttpStatusCode.Conflict);
        response.Json["path"]!.GetValue<string>().Should().Be("Invoices");
        response.Json["ownerWorkflowId"]!.GetValue<Guid>().Should().Be(owner);
        (await cluster.ApiA.GetAsync("/api/v1/workflows?search=Late")).Data.AsArray().Should().BeEmpty("nothing was saved");
    }

    private static async Task<ApiResponse> UntilAsync(Func<Task<ApiResponse>> call, Func<ApiResponse, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var response = await call();
            if (done(response) || DateTime.UtcNow > deadline) return response;
            await Task.Delay(50);
        }
    }
}
