using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>Watching a run live: node states arrive as they happen, and a reload mid-run picks up where the run is.</summary>
public sealed class LiveRunTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task Nodes_turn_running_then_succeeded_live()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Live states", "4s"));
        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);

            await monitor.ExpectNodeActiveAsync("Wait");
            await monitor.ExpectNodeStatusAsync("Say done", "pending");

            await monitor.ExpectNodeStatusAsync("Say done", "succeeded");
            await monitor.ExpectNodeStatusAsync("Start", "succeeded");
            await monitor.ExpectNodeStatusAsync("Wait", "succeeded");
            await monitor.ExpectRunStatusAsync("completed");
            await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Run progress" })).ToHaveAttributeAsync("aria-valuenow", "100");
            await Expect(monitor.LogLine("All done")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Reloading_mid_run_restores_the_live_view()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Reload mid-run", "8s"));
        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await monitor.ExpectNodeActiveAsync("Wait");

            await page.ReloadAsync();

            await monitor.ExpectNodeStatusAsync("Start", "succeeded");
            await monitor.ExpectNodeActiveAsync("Wait");
            await monitor.ExpectRunStatusAsync("running");
            await monitor.ExpectNodeStatusAsync("Say done", "succeeded");
            await monitor.ExpectRunStatusAsync("completed");
        });
    }
}
