using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Model;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>
/// An operator rolls back a failed order saga from the run page: Compensate, confirm, and the completed steps are undone
/// in reverse order, each badged on the canvas, with the original failure still on screen.
/// </summary>
public sealed class CompensationTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task A_failed_saga_is_compensated_from_the_run_page_and_keeps_its_original_error()
    {
        var workflow = new WorkflowBuilder("Order saga to roll back")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("charge", NodeTypes.Log, "Charge card", 1, 0, new() { ["message"] = "charged" }, p => p.Compensate = true)
            .Node("reserve", NodeTypes.Log, "Reserve stock", 2, 0, new() { ["message"] = "reserved" }, p => p.Compensate = true)
            .Node("ship", NodeTypes.Fail, "Ship", 3, 0, new() { ["message"] = "courier down" })
            .Node("refund", NodeTypes.Log, "Refund", 1, 1, new() { ["message"] = "refund {{ $compensating.nodeName }}" })
            .Node("release", NodeTypes.Log, "Release stock", 2, 1, new() { ["message"] = "release {{ $compensating.nodeName }}" })
            .Connect("start", "charge").Connect("charge", "reserve").Connect("reserve", "ship")
            .Connect("charge", "refund", "compensate").Connect("reserve", "release", "compensate")
            .Build();
        workflow.Settings.Compensation = CompensationTrigger.Manual;   // the operator decides, not the engine
        var runId = await Api.StartAsync(await Api.SaveWorkflowAsync(workflow));
        await Api.WaitForStatusAsync(runId, TimeSpan.FromSeconds(30), "failed");

        await WithPageAsync(async page =>
        {
            await page.GotoAsync($"executions/{runId}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Compensate", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Compensate" }).ClickAsync();

            await Expect(page.Locator(".monitor")).ToHaveAttributeAsync("data-execution-status", "compensated");
            ILocator Card(string name) => page.Locator(".canvas").GetByRole(AriaRole.Group, new() { Name = name, Exact = true });
            await Expect(Card("Charge card").Locator(".cnode-compensation")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Compensated"));
            await Expect(Card("Reserve stock").Locator(".cnode-compensation")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("Compensated"));
            await Expect(page.Locator(".run-error")).ToContainTextAsync("courier down");
            // Undone in reverse order of completion: the stock is released before the card is refunded.
            await Expect(page.Locator(".log-line", new() { HasText = "refund Charge card" })).ToHaveCountAsync(1);
            var lines = (await page.Locator(".log-line").AllInnerTextsAsync()).ToList();
            var released = lines.FindIndex(line => line.Contains("release Reserve stock"));
            var refunded = lines.FindIndex(line => line.Contains("refund Charge card"));
            Assert.True(released >= 0 && released < refunded, $"expected the release before the refund in: {string.Join(" | ", lines)}");
        });
    }
}
