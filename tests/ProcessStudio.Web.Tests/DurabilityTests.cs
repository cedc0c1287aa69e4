using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests;

/// <summary>What survives a host being disposed and rebuilt over the same data folder.</summary>
public sealed class DurabilityTests
{
    private static readonly string[] SampleNames = ["Hello world", "HTTP with retry and branch", "Batch with For Each and Delay", "Orders report with data nodes"];

    [Fact]
    public async Task A_paused_run_resumes_in_a_new_host_over_the_same_database()
    {
        using var folder = new TempFolder();
        Guid executionId;
        await using (var first = new AppFactory(folder.Path))
        {
            var api = new ApiClient(first.CreateClient());
            var workflowId = await api.CreateWorkflowAsync(TestWorkflows.Delays(3, "1s", "Survives restart"));
            executionId = await api.StartAsync(workflowId);
            await api.WaitForExecutionAsync(executionId, d => d["execution"]!["progress"]!["completedNodes"]!.GetValue<int>() >= 2);
            (await api.PostAsync($"/api/v1/executions/{executionId}/pause")).ShouldHave(HttpStatusCode.OK);
            await api.WaitForStatusAsync(executionId, "paused");
        }

        await using var second = new AppFactory(folder.Path);
        var resumedApi = new ApiClient(second.CreateClient());
        (await resumedApi.GetAsync($"/api/v1/executions/{executionId}")).Data["execution"]!["status"]!.GetValue<string>().Should().Be("paused");
        (await resumedApi.PostAsync($"/api/v1/executions/{executionId}/resume")).ShouldHave(HttpStatusCode.OK);
        var done = await resumedApi.WaitForStatusAsync(executionId, "completed", "failed");

        done["execution"]!["status"]!.GetValue<string>().Should().Be("completed");
        var records = await resumedApi.GetAsync($"/api/v1/executions/{executionId}");
        foreach (var node in new[] { "start", "wait1", "wait2", "wait3" })
            records.Data["activations"]!.AsArray()
                .Count(a => a!["nodeId"]!.GetValue<string>() == node && a["status"]!.GetValue<string>() == "succeeded")
                .Should().Be(1, $"{node} ran once across both hosts");
    }

    [Fact]
    public async Task Samples_are_seeded_on_first_start_and_not_duplicated_on_the_second()
    {
        using var folder = new TempFolder();
        await using (var first = new AppFactory(folder.Path))
            (await SampleCountsAsync(first)).Should().OnlyContain(count => count == 1);

        await using var second = new AppFactory(folder.Path);
        (await SampleCountsAsync(second)).Should().OnlyContain(count => count == 1);
    }

    [Fact]
    public async Task Every_sample_is_valid_and_runs_to_completion()
    {
        using var folder = new TempFolder();
        await using var app = new AppFactory(folder.Path);
        var api = new ApiClient(app.CreateClient());
        var samples = (await api.GetAsync("/api/v1/workflows")).Data.AsArray().Select(w => w!["id"]!.GetValue<Guid>()).ToList();

        foreach (var sample in samples)
        {
            var validation = (await api.PostAsync($"/api/v1/workflows/{sample}/validate")).ShouldHave(HttpStatusCode.OK);
            validation.Data["valid"]!.GetValue<bool>().Should().BeTrue(validation.Body);
            var executionId = await api.StartAsync(sample, new { name = "sample", items = new[] { 1, 2 } });
            var run = await api.WaitForStatusAsync(executionId, "completed", "failed");
            run["execution"]!["status"]!.GetValue<string>().Should().Be("completed", run.ToJsonString());
        }
        samples.Should().HaveCount(SampleNames.Length);
    }

    [Fact]
    public async Task A_database_at_the_first_schema_version_is_upgraded_at_start_up()
    {
        using var folder = new TempFolder();
        await using (var data = StoreReader.DataServices(folder.Path))
            await data.GetRequiredService<DatabaseMigrator>().MigrateToAsync(1, CancellationToken.None);

        await using (var app = new AppFactory(folder.Path))
            (await new ApiClient(app.CreateClient()).GetAsync("/api/v1/workflows")).ShouldHave(HttpStatusCode.OK);

        await using var upgraded = StoreReader.DataServices(folder.Path);
        (await upgraded.GetRequiredService<DatabaseMigrator>().GetCurrentVersionAsync(CancellationToken.None))
            .Should().Be(MigrationCatalog.LatestVersion);
    }

    [Fact]
    public async Task A_hundred_concurrent_executions_all_complete()
    {
        using var folder = new TempFolder();
        await using var app = new AppFactory(folder.Path);
        var api = new ApiClient(app.CreateClient());
        var workflowId = await api.CreateWorkflowAsync(TestWorkflows.Hello("Hundred"));

        var ids = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => api.StartAsync(workflowId, new { name = $"run{i}" })));
        var finished = await Task.WhenAll(ids.Select(id => api.WaitForStatusAsync(id, "completed", "failed", "cancelled")));

        ids.Distinct().Should().HaveCount(100);
        finished.Should().OnlyContain(d => d["execution"]!["status"]!.GetValue<string>() == "completed"
            && d["execution"]!["progress"]!["completedNodes"]!.GetValue<int>() == 3);
        var completed = await api.GetAsync($"/api/v1/executions?workflowId={workflowId}&status=completed&limit=1");
        completed.Data["total"]!.GetValue<int>().Should().Be(100);
    }

    private static async Task<int[]> SampleCountsAsync(AppFactory app)
    {
        var workflows = (await new ApiClient(app.CreateClient()).GetAsync("/api/v1/workflows")).ShouldHave(HttpStatusCode.OK).Data.AsArray();
        return SampleNames.Select(name => workflows.Count(w => w!["name"]!.GetValue<string>() == name)).ToArray();
    }
}
