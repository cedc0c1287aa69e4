using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.E2E.Monitor;
using ProcessStudio.Engine.Model;
using Xunit.Abstractions;

namespace ProcessStudio.E2E.Screenshots;

/// <summary>
/// Writes docs/screenshots of the editor features in light and dark: the designer with a sticky note, the expression
/// editor open with hints and a live preview, and the run view with item counts on links. Run with PS_SCREENSHOTS=1.
/// </summary>
public sealed class EditorScreenshotTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [EnvFact("PS_SCREENSHOTS")]
    public async Task Capture_sticky_notes_the_expression_editor_and_item_counts()
    {
        await using var stub = new StubHttpServer();
        var orderUrl = stub.Map("orders/42", """{"id":42,"total":240,"customer":"Ada","lines":[{"sku":"SKU-1","qty":2},{"sku":"SKU-2","qty":1}]}""");
        var notifyUrl = stub.Map("notify", """{"accepted":true}""");
        var workflow = ShowcaseWorkflow.Build();
        workflow.StickyNotes.Add(new StickyNote
        {
            Id = "note-lanes", Position = new ProcessStudio.Engine.Model.Position(600, 480), Width = 340, Height = 170, Color = "yellow",
            Text = "### Lanes\nOrders over **100** go to the *priority* lane.\n- Standard lane: next day\n- Questions: see [the runbook](https://example.com/runbook)",
        });
        var workflowId = await Api.SaveWorkflowAsync(workflow);
        var runId = await Api.StartAsync(workflowId, ShowcaseWorkflow.Input(orderUrl, notifyUrl, 3));
        await Api.WaitForStatusAsync(runId, TimeSpan.FromMinutes(1), "completed");

        foreach (var theme in new[] { "light", "dark" })
        {
            await WithPageAsync(async page =>
            {
                await page.GotoAsync($"workflows/{workflowId}");
                await page.Locator(".canvas.editable.fitted .sticky-note").WaitForAsync();
                for (var i = 0; i < 2; i++) await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
                await SaveAsync(page, $"designer-sticky-note-{theme}");

                await page.Locator(".canvas [aria-roledescription='node'][aria-label='Large order?'] .cnode-name").ClickAsync();
                var condition = page.Locator(".inspector").GetByLabel("Condition");
                await condition.FillAsync("");
                await condition.PressSequentiallyAsync("$json.body.total > 100 && length($json.body.lines) > 1", new() { Delay = 20 });
                await page.Locator(".expr-hint").First.WaitForAsync();
                await page.Locator("[data-testid=expr-preview]").WaitForAsync();
                await SaveAsync(page, $"expression-editor-{theme}");
                await condition.PressAsync("Escape");

                var monitor = new MonitorPage(page);
                await monitor.OpenAsync(runId);
                await monitor.ExpectRunStatusAsync("completed");
                await page.Locator("[data-testid=link-items]").First.WaitForAsync();
                await SaveAsync(page, $"run-item-counts-{theme}");
            }, colorScheme: theme);
        }
    }

    private Task SaveAsync(IPage page, string name) => DocScreenshots.SaveAsync(page, name, Output);
}
