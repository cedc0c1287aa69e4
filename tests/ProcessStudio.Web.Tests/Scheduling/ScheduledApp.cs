using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Scheduling;

/// <summary>The real app over a data folder, on a fake clock the test moves, with the scheduler polling every 50 ms of it.</summary>
public sealed class ScheduledApp(string dataFolder, FakeTimeProvider clock) : AppFactory(dataFolder, new Dictionary<string, string?>
{
    ["ProcessStudio:SeedSamples"] = "false",
    ["ProcessStudio:Scheduling:PollInterval"] = "00:00:00.050",
})
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    /// <summary>How far past a fire time waiting may move the clock: well short of the next minute's fire.</summary>
    private static readonly TimeSpan MaxDrift = TimeSpan.FromSeconds(30);

    private ApiClient? _api;

    public ApiClient Api => _api ??= new ApiClient(CreateClient());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock));
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

    /// <summary>
    /// Waits until the scheduler has started a run for <paramref name="scheduledFor"/>. The scheduler sleeps on the fake
    /// clock, so each poll moves it on by one poll interval (a pass that began before the test set the time still ends
    /// its sleep), never further than <see cref="MaxDrift"/> past the fire time.
    /// </summary>
    public async Task WaitForRunAsync(Guid workflowId, DateTimeOffset scheduledFor)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await ScheduledRunsAsync(workflowId)).Any(r => ScheduledFor(r) == scheduledFor))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No scheduled run for {scheduledFor:o} of workflow {workflowId}.");
            if (clock.GetUtcNow() + PollInterval <= scheduledFor + MaxDrift) clock.Advance(PollInterval);
            await Task.Delay(20);
        }
    }

    public static DateTimeOffset ScheduledFor(ExecutionRecord run) => run.Input!["scheduledFor"]!.GetValue<DateTimeOffset>();

    public async Task ActivateAsync(Guid workflowId) =>
        (await Api.PostAsync($"/api/v1/workflows/{workflowId}/activate")).ShouldHave(HttpStatusCode.OK);
}
