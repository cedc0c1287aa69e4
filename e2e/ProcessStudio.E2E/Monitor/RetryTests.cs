using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>Retry and "Restart from here" start a new run that opens in the monitor and links back to the old one.</summary>
public sealed class RetryTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task Retry_and_restart_from_a_node_open_new_runs_that_link_back()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.ThreeSteps("Retry me"));
        var firstId = await Api.StartAsync(workflowId);
        await Api.WaitForStatusAsync(firstId, TimeSpan.FromSeconds(30), "completed");
        await WithPageAsync(async page =>
        {
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(firstId);
            await monitor.ExpectRunStatusAsync("completed");

            await monitor.Control("Retry").ClickAsync();

            await Expect(page).Not.ToHaveURLAsync(new Regex(firstId.ToString()));
            await Expect(page.Locator(".run-link")).ToContainTextAsync("retry of #" + firstId.ToString("N")[..8]);
            await monitor.ExpectRunStatusAsync("completed");
            var retryUrl = page.Url;

            await monitor.Node("Step B").ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Restart from here" }).ClickAsync();

            await Expect(page).Not.ToHaveURLAsync(retryUrl);
            await Expect(page.Locator(".run-link")).ToContainTextAsync("retry of #");
            await monitor.ExpectRunStatusAsync("completed");
            await monitor.ExpectNodeStatusAsync("Step C", "succeeded");
        });
    }
}
