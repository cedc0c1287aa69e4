using System.Net;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hardening;

/// <summary>
/// Racing writers over the HTTP API against the real SQLite store: the version and existence checks run in the
/// same transaction as the write, so exactly one writer wins and the other learns the current version.
/// </summary>
public sealed class WorkflowRaceTests(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly ApiClient _api = app.Api;

    [Fact]
    public async Task Two_concurrent_puts_with_the_same_expected_version_give_one_200_and_one_409_every_time()
    {
        var workflow = TestWorkflows.Hello("Raced edits");
        var id = await _api.CreateWorkflowAsync(workflow);
        workflow.Id = id;

        for (var trial = 0; trial < 100; trial++)
        {
            var expected = trial + 1;
            var url = $"/api/v1/workflows/{id}?expectedVersion={expected}";
            var responses = await Task.WhenAll(_api.PutAsync(url, workflow), _api.PutAsync(url, workflow));

            responses.Select(r => r.Status).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict], $"trial {trial}");
            var loser = responses.Single(r => r.Status == HttpStatusCode.Conflict).ShouldBeProblem(HttpStatusCode.Conflict);
            loser.Json["currentVersion"]!.GetValue<int>().Should().Be(expected + 1, "the loser is told the version that won");
        }

        var versions = (await _api.GetAsync($"/api/v1/workflows/{id}/versions")).ShouldHave(HttpStatusCode.OK);
        versions.Data.AsArray().Should().HaveCount(101, "one version per trial plus the first");
    }

    [Fact]
    public async Task Concurrent_creates_with_one_id_give_exactly_one_201()
    {
        for (var trial = 0; trial < 20; trial++)
        {
            var workflow = TestWorkflows.Hello($"Raced create {trial}");
            workflow.Id = Guid.NewGuid();

            var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _api.PostAsync("/api/v1/workflows", workflow)));

            responses.Count(r => r.Status == HttpStatusCode.Created).Should().Be(1, $"trial {trial}");
            responses.Where(r => r.Status != HttpStatusCode.Created).Should().AllSatisfy(r => r.ShouldBeProblem(HttpStatusCode.Conflict));
            var versions = (await _api.GetAsync($"/api/v1/workflows/{workflow.Id}/versions")).ShouldHave(HttpStatusCode.OK);
            versions.Data.AsArray().Should().ContainSingle();
        }
    }

    [Fact]
    public async Task Delete_with_a_stale_expected_version_is_a_conflict_and_keeps_the_workflow()
    {
        var workflow = TestWorkflows.Hello("Delete race");
        var id = await _api.CreateWorkflowAsync(workflow);
        workflow.Id = id;
        (await _api.PutAsync($"/api/v1/workflows/{id}", workflow)).ShouldHave(HttpStatusCode.OK);

        var stale = (await _api.DeleteAsync($"/api/v1/workflows/{id}?expectedVersion=1")).ShouldBeProblem(HttpStatusCode.Conflict);
        stale.Json["currentVersion"]!.GetValue<int>().Should().Be(2);
        (await _api.GetAsync($"/api/v1/workflows/{id}")).ShouldHave(HttpStatusCode.OK);

        (await _api.DeleteAsync($"/api/v1/workflows/{id}?expectedVersion=2")).ShouldHave(HttpStatusCode.OK);
        (await _api.GetAsync($"/api/v1/workflows/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
