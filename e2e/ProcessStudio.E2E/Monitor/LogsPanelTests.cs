using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>The logs panel's level, node and text filters.</summary>
public sealed class LogsPanelTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task Level_node_and_text_filters_narrow_the_lines()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.Chatty("Chatty"));
        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            await Api.WaitForStatusAsync(executionId, TimeSpan.FromSeconds(30), "completed");
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await Expect(monitor.LogLine("hello from the monitor test")).ToBeVisibleAsync();
            await Expect(monitor.LogLine("disk almost full")).ToBeVisibleAsync();

            await page.MudSelect("Log level").ChooseAsync("Warning and above");
            await Expect(monitor.LogLine("disk almost full")).ToBeVisibleAsync();
            await Expect(monitor.LogLine("hello from the monitor test")).ToHaveCountAsync(0);

            await page.MudSelect("Log level").ChooseAsync("All levels");
            await page.MudSelect("Log node").ChooseAsync("Say hello");
            await Expect(monitor.LogLine("hello from the monitor test")).ToBeVisibleAsync();
            await Expect(monitor.LogLine("disk almost full")).ToHaveCountAsync(0);

            await page.MudSelect("Log node").ChooseAsync("All nodes");
            await page.GetByLabel("Search logs").FillAsync("DISK");
            await Expect(monitor.LogLine("disk almost full")).ToBeVisibleAsync();
            await Expect(monitor.LogLine("hello from the monitor test")).ToHaveCountAsync(0);
        });
    }
}
