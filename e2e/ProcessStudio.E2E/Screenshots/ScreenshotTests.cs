using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.E2E.Monitor;
using Xunit.Abstractions;

namespace ProcessStudio.E2E.Screenshots;

/// <summary>
/// Writes docs/screenshots/*.png of every main page (sign-in, workflows, designer, live run, failed run with the
/// inspector and its JSON input, executions, dashboard, settings with the audit grid, approvals) in light and dark themes, at 1440 px and at 1024 px (files ending in
/// -1024), from a realistic data set.
/// Run with PS_SCREENSHOTS=1; not part of the normal test run.
/// </summary>
public sealed class ScreenshotTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [EnvFact("PS_SCREENSHOTS")]
    public async Task Capture_the_monitor_pages_in_light_and_dark()
    {
        await using var stub = new StubHttpServer();
        var orderUrl = stub.Map("orders/42", """{"id":42,"total":240,"customer":"Ada"}""", delay: TimeSpan.FromMilliseconds(400));
        var brokenUrl = stub.Map("orders/broken", failTimes: int.MaxValue, failStatus: 503);
        var notifyUrl = stub.Map("notify", """{"accepted":true}""", delay: TimeSpan.FromMilliseconds(300));
        var workflowId = await Api.SaveWorkflowAsync(ShowcaseWorkflow.Build());

        // History for the list, the executions page and the dashboard: finished, failed and cancelled runs.
        for (var i = 0; i < 3; i++)
            await Api.WaitForStatusAsync(await Api.StartAsync(workflowId, ShowcaseWorkflow.Input(orderUrl, notifyUrl, 1)), TimeSpan.FromMinutes(1), "completed");
        var failedId = await Api.StartAsync(workflowId, ShowcaseWorkflow.Input(brokenUrl, notifyUrl, 2));
        await Api.WaitForStatusAsync(failedId, TimeSpan.FromMinutes(1), "failed");
        var cancelledId = await Api.StartAsync(workflowId, ShowcaseWorkflow.Input(orderUrl, notifyUrl, 20));
        await Task.Delay(1500);
        await Api.CancelAsync(cancelledId);

        foreach (var theme in new[] { "light", "dark" })
        {
            var liveId = await Api.StartAsync(workflowId, ShowcaseWorkflow.Input(orderUrl, notifyUrl, 6));
            var backgroundId = await Api.StartAsync(workflowId, ShowcaseWorkflow.Input(orderUrl, notifyUrl, 40));
            await WithPageAsync(async page =>
            {
                var monitor = new MonitorPage(page);
                await monitor.OpenAsync(liveId);
                await monitor.ExpectNodeStatusAsync("Log picked item", "succeeded", 60_000);
                await page.WaitForTimeoutAsync(1700);
                await SaveBothWidthsAsync(page, $"live-run-{theme}");

                foreach (var (width, suffix) in Widths)
                {
                    await page.SetViewportSizeAsync(width, 900);

                    await monitor.OpenAsync(failedId);
                    await monitor.ExpectRunStatusAsync("failed");
                    await page.Locator(".run-error button").ClickAsync();
                    await page.GetByRole(AriaRole.Complementary, new() { Name = "Node inspector" }).Locator(".attempt").First.WaitForAsync();
                    await SaveAsync(page, $"failed-run-inspector-{theme}{suffix}");
                    await page.GetByRole(AriaRole.Tab, new() { Name = "Input" }).ClickAsync();
                    await page.Locator(".inspector .json-tree").WaitForAsync();
                    await SaveAsync(page, $"failed-run-input-json-{theme}{suffix}");

                    await page.GotoAsync("executions");
                    await page.Locator(".executions-grid tbody tr").First.WaitForAsync();
                    await SaveAsync(page, $"executions-{theme}{suffix}");

                    await page.GotoAsync("dashboard");
                    await page.Locator(".chart").WaitForAsync();
                    await SaveAsync(page, $"dashboard-{theme}{suffix}");

                    await page.GotoAsync("workflows");
                    await page.GetByRole(AriaRole.Link, new() { Name = ShowcaseWorkflow.Name }).WaitForAsync();
                    await SaveAsync(page, $"workflows-{theme}{suffix}");

                    await page.GotoAsync($"workflows/{workflowId}");
                    await page.Locator(".canvas.editable.fitted .cnode").First.WaitForAsync();
                    await SaveAsync(page, $"designer-12-nodes-{theme}{suffix}");

                    await page.GotoAsync("settings");
                    await page.GetByText("API keys").First.WaitForAsync();
                    await SaveAsync(page, $"settings-{theme}{suffix}");
                    await page.Locator(".audit-grid tbody tr").First.ScrollIntoViewIfNeededAsync();
                    await page.Locator(".audit-grid").ScrollIntoViewIfNeededAsync();
                    await SaveAsync(page, $"settings-audit-{theme}{suffix}");

                    await page.GotoAsync("approvals");
                    await page.Locator("h1").WaitForAsync();
                    await SaveAsync(page, $"approvals-{theme}{suffix}");
                }
            }, colorScheme: theme);
            foreach (var id in new[] { liveId, backgroundId })
                await Api.CancelAsync(id).ContinueWith(_ => { }, TaskScheduler.Default);   // it may have finished already
        }
    }

    [EnvFact("PS_SCREENSHOTS")]
    public async Task Capture_the_sign_in_page_in_light_and_dark()
    {
        Directory.CreateDirectory(DocScreenshots.Folder);
        foreach (var theme in new[] { "light", "dark" })
        {
            await WithPageAsync(async page =>
            {
                // The sign-in page is a static render: its theme is the saved choice (the cookie), not the system's.
                await page.Context.AddCookiesAsync([new Cookie { Name = "ps-theme", Value = theme, Url = App.BaseAddress.ToString() }]);
                foreach (var (width, suffix) in Widths)
                {
                    await page.SetViewportSizeAsync(width, 900);
                    await page.GotoAsync("login");
                    await page.GetByLabel("User name").FillAsync("ada");
                    await page.GetByLabel("Password").FillAsync("not-her-password");
                    await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                    await page.GetByRole(AriaRole.Alert).WaitForAsync();
                    await SaveAsync(page, $"login-{theme}{suffix}");
                }
            }, colorScheme: theme, signedIn: false);
        }
    }

    /// <summary>The desktop width the docs show, and the smallest laptop width the layout is checked at.</summary>
    private static readonly (int Width, string Suffix)[] Widths = [(1440, ""), (1024, "-1024")];

    private async Task SaveBothWidthsAsync(IPage page, string name)
    {
        foreach (var (width, suffix) in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            await SaveAsync(page, name + suffix);
        }
    }

    private Task SaveAsync(IPage page, string name) => DocScreenshots.SaveAsync(page, name, Output);
}
