using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.E2E.Monitor;
using ProcessStudio.Engine.Model;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>Sticky notes and pinned data in real Chromium: drawn, edited, resized and saved; pins used by designer runs only.</summary>
public sealed class EditorTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    static EditorTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Fact]
    public async Task A_sticky_note_is_added_edited_in_markdown_resized_and_saved_with_the_workflow()
    {
        var workflowId = await Api.SaveWorkflowAsync(new WorkflowBuilder("Notes journey")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("log", NodeTypes.Log, "Say hi", 1, settings: new JsonObject { ["message"] = "hi" })
            .Connect("start", "log")
            .Build());
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenAsync(page, workflowId);
            await page.GetByRole(AriaRole.Button, new() { Name = "Add sticky note", Exact = true }).ClickAsync();
            var note = designer.Canvas.Locator(".sticky-note");
            await Expect(note).ToBeVisibleAsync();

            await note.DblClickAsync();
            var editor = note.Locator("textarea.note-editor");
            await editor.FillAsync("## Why\n- calls **the shop**\n- <b>not html</b>");
            await editor.PressAsync("Control+Enter");
            await Expect(note.Locator("h2")).ToHaveTextAsync("Why");
            await Expect(note.Locator("strong")).ToHaveTextAsync("the shop");
            await Expect(note.Locator("b")).ToHaveCountAsync(0);

            var before = await note.BoundingBoxAsync();
            var handle = note.Locator(".note-resize");
            var grip = (await handle.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(grip.X + 8, grip.Y + 8);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(grip.X + 60, grip.Y + 40, new() { Steps = 5 });
            await page.Mouse.MoveAsync(grip.X + 128, grip.Y + 88, new() { Steps = 5 });
            await page.Mouse.UpAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Undo", Exact = true }).First).ToBeEnabledAsync();
            await designer.SaveAsync(expectedVersion: 2);

            var saved = await DesignerPage.ExportAsync(Api.Http, workflowId);
            var stored = saved.StickyNotes.Should().ContainSingle().Subject;
            stored.Text.Should().StartWith("## Why");
            stored.Width.Should().BeGreaterThan(StickyNote.DefaultWidth).And.Match(w => w % 20 == 0, "the size snaps to the grid");
            stored.Height.Should().BeGreaterThan(StickyNote.DefaultHeight);
            (await note.BoundingBoxAsync())!.Width.Should().BeGreaterThan(before!.Width);
            saved.Nodes.Should().HaveCount(2, "a note is not a node");
        });
    }

    [Fact]
    public async Task A_run_from_the_designer_uses_the_pinned_output_and_an_api_run_ignores_it()
    {
        await using var stub = new StubHttpServer();
        var downUrl = stub.Map("down", failTimes: int.MaxValue, failStatus: 503);
        var workflow = new WorkflowBuilder("Pinned journey")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("fetch", NodeTypes.HttpRequest, "Fetch customer", 1, settings: new JsonObject { ["url"] = downUrl },
                policy: p => p.RetryPolicy = RetryPolicyNames.None)
            .Node("log", NodeTypes.Log, "Greet", 2, settings: new JsonObject { ["message"] = "Hello {{ $json.body.name }}" })
            .Connect("start", "fetch")
            .Connect("fetch", "log")
            .Build();
        workflow.Nodes[1].PinnedOutput = new JsonObject { ["status"] = 200, ["body"] = new JsonObject { ["name"] = "Ada" } };
        var workflowId = await Api.SaveWorkflowAsync(workflow);

        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenAsync(page, workflowId);
            await Expect(designer.Node("Fetch customer").Locator("[data-testid=pinned-marker]")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByTestId("pinned-note")).ToContainTextAsync("1 node uses its pinned output");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

            var monitor = new MonitorPage(page);
            await monitor.ExpectRunStatusAsync("completed");
            await monitor.Node("Fetch customer").Locator(".cnode-name").ClickAsync();
            await Expect(page.GetByTestId("inspector-pinned")).ToBeVisibleAsync();
            await Expect(monitor.LogLine("Hello Ada")).ToBeVisibleAsync();
        });
        stub.Hits("down").Should().Be(0, "the pinned node did not run");

        var apiRun = await Api.StartAsync(workflowId);
        (await Api.WaitForStatusAsync(apiRun, TimeSpan.FromSeconds(60), "failed", "completed")).Should().Be("failed", "production starts ignore pins");
        stub.Hits("down").Should().Be(1);
    }
}
