using System.Text.Json;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Model;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>Copy and paste nodes through the system clipboard: between workflows, and refusing JSON that is not a workflow.</summary>
public sealed class ClipboardTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    static ClipboardTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Fact]
    public async Task Nodes_copied_in_one_workflow_paste_into_another_with_their_link()
    {
        var workflowId = await Api.SaveWorkflowAsync(new WorkflowBuilder("Clipboard source")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("log", NodeTypes.Log, "Write it down", 1, settings: new() { ["message"] = "copied" })
            .Connect("start", "log")
            .Build());

        await WithPageAsync(async page =>
        {
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            var source = await DesignerPage.OpenAsync(page, workflowId);
            await source.Node("Write it down").WaitForAsync();
            await page.Keyboard.PressAsync("Control+a");
            await page.Keyboard.PressAsync("Control+c");

            // The clipboard holds workflow JSON anyone can read, e.g. to paste into a file and import later.
            await Expect(page.Locator(".cnode.selected")).ToHaveCountAsync(2);
            var copied = await WaitForClipboardAsync(page, text => text.Contains("Write it down"));
            WorkflowJson.Deserialize(copied).Connections.Should().ContainSingle();

            var target = await DesignerPage.OpenNewAsync(page);
            await target.DropAsync("Log", 400, 400, "Log");
            await page.Keyboard.PressAsync("Control+v");

            await Expect(target.Node("Start")).ToBeVisibleAsync();
            await Expect(target.Node("Write it down")).ToBeVisibleAsync();
            await Expect(target.Link("Start", "out", "Write it down")).ToHaveCountAsync(1);
            await Expect(target.Canvas.Locator(".cnode")).ToHaveCountAsync(3);

            await page.Keyboard.PressAsync("Control+z");
            await Expect(target.Canvas.Locator(".cnode")).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task Pasting_malformed_json_or_unknown_node_types_shows_the_problem_and_pastes_nothing()
    {
        await WithPageAsync(async page =>
        {
            await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Log", 400, 300, "Log");

            await page.EvaluateAsync("text => navigator.clipboard.writeText(text)", "{ \"nodes\": [ ");
            await page.Keyboard.PressAsync("Control+v");
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "does not hold workflow JSON" })).ToBeVisibleAsync();

            var unknown = JsonSerializer.Serialize(new { nodes = new[] { new { id = "x", type = "acme.fax", name = "Send fax" } } });
            await page.EvaluateAsync("text => navigator.clipboard.writeText(text)", unknown);
            await page.Keyboard.PressAsync("Control+v");
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Unknown node type 'acme.fax' (node 'Send fax')" })).ToBeVisibleAsync();

            await Expect(designer.Canvas.Locator(".cnode")).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task Without_clipboard_permission_copy_and_paste_still_work_within_the_designer()
    {
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Log", 400, 300, "Log");
            await designer.SelectAsync("Log");

            await page.Keyboard.PressAsync("Control+c");
            await page.Keyboard.PressAsync("Control+v");

            await Expect(designer.Node("Log 2")).ToBeVisibleAsync();
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Nothing pasted" })).ToHaveCountAsync(0);
        });
    }

    private static async Task<string> WaitForClipboardAsync(IPage page, Func<string, bool> ready)
    {
        // Ctrl+C reaches the clipboard through the server round trip; poll instead of sleeping.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var text = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            if (ready(text)) return text;
            await page.WaitForTimeoutAsync(100);
        }
        throw new TimeoutException("The copied nodes never reached the system clipboard.");
    }
}
