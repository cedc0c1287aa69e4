using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>The executions history: a running row changes live, search finds a run by id, bulk delete removes it.</summary>
public sealed class ExecutionsPageTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task A_running_row_updates_live_and_a_finished_run_can_be_found_and_deleted()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("History row", "60s"));
        var runId = await Api.StartAsync(workflowId);
        await Api.WaitForStatusAsync(runId, TimeSpan.FromSeconds(30), "running");
        await WithPageAsync(async page =>
        {
            await page.GotoAsync("executions");
            var row = page.Locator("tr").Filter(new() { Has = page.Locator($"[data-execution-id='{runId}']") });
            await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "running");

            await Api.CancelAsync(runId);

            await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "cancelled");

            await page.GetByLabel("Search").FillAsync(runId.ToString()[..8]);   // searches as you type, no Enter needed
            await Expect(page.Locator(".executions-grid tbody tr")).ToHaveCountAsync(1);
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]q={runId.ToString()[..8]}"));

            await row.GetByRole(AriaRole.Checkbox).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete selected" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();

            await Expect(row).ToHaveCountAsync(0);
            await Expect(page.GetByText("No execution matches these filters.")).ToBeVisibleAsync();
        });
    }
}
