using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Scheduling;

/// <summary>The real app over a data folder, on a clock the test moves, with the scheduler polling every 50 ms.</summary>
public sealed class ScheduledApp(string dataFolder, TimeProvider clock) : AppFactory(dataFolder, new Dictionary<string, string?>
{
    ["ProcessStudio:SeedSamples"] = "false",
    ["ProcessStudio:Scheduling:PollInterval"] = "00:00:00.050",
})
{
    private ApiClient? _api;

    public ApiClient Api => _api ??= new ApiClient(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    public static WorkflowDefinition Workflow(string name, string cron, string misfire = "skip", string timezone = "UTC") => new()
    {
        Name = name,
        Nodes = [TestWorkflows.Node("tick", "schedule-trigger", new() { ["cron"] = cron, ["timezone"] = timezone, ["misfirePolicy"] = misfire })],
    };

    public async Task<IReadOnlyList<ExecutionRecord>> ScheduledRunsAsync(Guid workflowId)
    {
        var page = await Services.GetRequiredService<IExecutionStore>().QueryAsync(
            new ExecutionQuery { WorkflowId = workflowId, Mode = ExecutionMode.Schedule, SortBy = "createdAt", Descending = false }, CancellationToken.None);
        return page.Items;
    }

    /// <summary>Waits until the scheduler has started a run for <paramref name="scheduledFor"/>.</summary>
    public async Task WaitForRunAsync(Guid workflowId, DateTimeOffset scheduledFor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ScheduledRunsAsync(workflowId)).Any(r => ScheduledFor(r) == scheduledFor))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No scheduled run for {scheduledFor:o} of workflow {workflowId}.");
            await Task.Delay(20);
        }
    }

    public static DateTimeOffset ScheduledFor(ExecutionRecord run) => run.Input!["scheduledFor"]!.GetValue<DateTimeOffset>();

    public async Task ActivateAsync(Guid workflowId) =>
        (await Api.PostAsync($"/api/v1/workflows/{workflowId}/activate")).ShouldHave(HttpStatusCode.OK);
}
