using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>A breakpoint pauses the run before its node; Step runs exactly one node; Continue finishes.</summary>
public sealed class BreakpointTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task A_breakpoint_pauses_before_its_node_and_step_runs_one_node()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.ThreeSteps("Debug me"));
        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId, breakpoints: ["b"]);
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);

            var breakpoint = page.GetByRole(AriaRole.Region, new() { Name = "Breakpoint" });
            await Expect(breakpoint).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await monitor.ExpectRunStatusAsync("paused");
            await monitor.ExpectNodeStatusAsync("Step A", "succeeded");
            await Expect(monitor.Node("Step B")).Not.ToHaveAttributeAsync("data-status", "succeeded");
            await Expect(breakpoint).ToContainTextAsync("Before “Step B”");
            await Expect(breakpoint.Locator(".memory .json-tree .mud-treeview-item").First).ToBeVisibleAsync();

            await monitor.Control("Step").ClickAsync();

            await monitor.ExpectNodeStatusAsync("Step B", "succeeded");
            await monitor.ExpectRunStatusAsync("paused");
            await Expect(monitor.Node("Step C")).Not.ToHaveAttributeAsync("data-status", "succeeded");

            await monitor.Control("Continue").ClickAsync();

            await monitor.ExpectRunStatusAsync("completed");
            await monitor.ExpectNodeStatusAsync("Step C", "succeeded");
        });
    }
}
