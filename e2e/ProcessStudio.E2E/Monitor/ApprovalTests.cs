using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>
/// Approvals decided in the monitor after the app was killed and started again over the same data folder: the waiting
/// runs survive, the approval card shows what was asked, and Approve / Reject continue on the matching path.
/// </summary>
public sealed class ApprovalTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private static readonly TimeSpan ArrangeTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_approval_is_approved_and_another_rejected_in_the_ui_after_a_restart_in_between()
    {
        var dataFolder = Directory.CreateTempSubdirectory("processstudio-e2e-restart-").FullName;
        try
        {
            var (toApprove, toReject) = await ParkTwoApprovalsThenKillAsync(dataFolder);

            using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await using var restarted = await AppProcess.StartAsync(startup.Token, dataFolder);
            using var api = ProcessStudioApi.For(restarted.BaseAddress);
            await WithPageAsync(async page =>
            {
                var monitor = new MonitorPage(page);
                await monitor.OpenAsync(toApprove);
                await monitor.ExpectRunStatusAsync("waiting");
                var card = page.GetByRole(AriaRole.Region, new() { Name = "Approval: Pay invoice INV-7" });
                await Expect(card).ToBeVisibleAsync();
                await Expect(card).ToContainTextAsync("ACME asks for 120 EUR.");
                await Expect(card).ToContainTextAsync("Finance approves invoices above 100 EUR.");
                await Expect(card).ToContainTextAsync("Times out in");
                await Expect(page.Locator(".run-header .badge")).ToHaveTextAsync("Waiting");
                await monitor.ExpectNodeStatusAsync("Approve invoice", "waiting");
                await card.GetByLabel("Comment").FillAsync("Checked against the order");
                await Expect(page.Locator(".canvas.fitted")).ToBeVisibleAsync();
                await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "approval-card-light.png") });

                await card.GetByRole(AriaRole.Button, new() { Name = "Approve", Exact = true }).ClickAsync();

                await monitor.ExpectRunStatusAsync("completed");
                await monitor.ExpectNodeStatusAsync("Approve invoice", "succeeded");
                await monitor.ExpectNodeStatusAsync("Pay", "succeeded");
                await monitor.ExpectNodeStatusAsync("Refuse", "skipped");
                await Expect(card).ToBeHiddenAsync();
                await Expect(monitor.LogLine($"Approved by {TestCredentials.AdminUserName}: Checked against the order")).ToBeVisibleAsync();

                await monitor.OpenAsync(toReject);
                var second = page.GetByRole(AriaRole.Region, new() { Name = "Approval: Pay invoice INV-8" });
                await second.GetByLabel("Comment").FillAsync("Duplicate of INV-7");
                await second.GetByRole(AriaRole.Button, new() { Name = "Reject", Exact = true }).ClickAsync();

                await monitor.ExpectRunStatusAsync("completed");
                await monitor.ExpectNodeStatusAsync("Refuse", "succeeded");
                await monitor.ExpectNodeStatusAsync("Pay", "skipped");
            }, baseAddress: restarted.BaseAddress);

            var approved = await api.GetExecutionAsync(toApprove);
            var decision = approved["activations"]!.AsArray().Single(a => a!["nodeId"]!.GetValue<string>() == "approve")!["output"]!;
            decision["decision"]!.GetValue<string>().Should().Be("approved");
            decision["comment"]!.GetValue<string>().Should().Be("Checked against the order");
            decision["by"]!.GetValue<string>().Should().Be(TestCredentials.AdminUserName);
        }
        finally
        {
            try { Directory.Delete(dataFolder, recursive: true); }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task A_waiting_run_shows_its_approval_card_and_is_listed_in_the_inbox_and_under_the_waiting_filter()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.InvoiceApproval("Waiting filter"));
        var executionId = await Api.StartAsync(workflowId, new JsonObject { ["number"] = "INV-9", ["supplier"] = "ACME", ["amount"] = 50 });
        await Api.WaitForStatusAsync(executionId, ArrangeTimeout, "waiting");

        await WithPageAsync(async page =>
        {
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Approval: Pay invoice INV-9" })).ToBeVisibleAsync();
            await Expect(page.Locator(".canvas.fitted")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "approval-card-dark.png") });

            await page.GetByRole(AriaRole.Link, new() { Name = "Approvals" }).ClickAsync();
            var inboxRow = page.Locator($"table[aria-label='Pending approvals'] tr[data-execution-id='{executionId}']");
            await Expect(inboxRow).ToContainTextAsync("Pay invoice INV-9");
            await Expect(inboxRow).ToContainTextAsync("Waiting filter");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "approvals-inbox-dark.png") });

            await page.GotoAsync("executions");
            await page.MudSelect("Status").ChooseAsync("Waiting");

            var row = page.Locator("tr").Filter(new() { Has = page.Locator($"[data-execution-id='{executionId}']") });
            await Expect(row.Locator("[data-status]")).ToHaveAttributeAsync("data-status", "waiting");
            await Expect(page.Locator("tbody [data-status]:not([data-status='waiting'])")).ToHaveCountAsync(0);
        }, colorScheme: "dark");
        await Api.CancelAsync(executionId);
    }

    /// <summary>Starts two approval runs on a first app over <paramref name="dataFolder"/>, waits until both park, then kills that app.</summary>
    private static async Task<(Guid ToApprove, Guid ToReject)> ParkTwoApprovalsThenKillAsync(string dataFolder)
    {
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var first = await AppProcess.StartAsync(startup.Token, dataFolder);
        using var api = ProcessStudioApi.For(first.BaseAddress);
        var workflowId = await api.SaveWorkflowAsync(Scenarios.InvoiceApproval("Invoice approval"));
        var toApprove = await api.StartAsync(workflowId, new JsonObject { ["number"] = "INV-7", ["supplier"] = "ACME", ["amount"] = 120 });
        var toReject = await api.StartAsync(workflowId, new JsonObject { ["number"] = "INV-8", ["supplier"] = "ACME", ["amount"] = 120 });
        await api.WaitForStatusAsync(toApprove, ArrangeTimeout, "waiting");
        await api.WaitForStatusAsync(toReject, ArrangeTimeout, "waiting");
        return (toApprove, toReject);   // disposing the app kills its process
    }
}
