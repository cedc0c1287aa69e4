using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>Drawing, connecting, configuring, undoing and saving workflows in the designer, in real Chromium.</summary>
public sealed class DesignerTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    // The shared 2-core machine can be slow; wait as long as for any other Playwright action.
    static DesignerTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Fact]
    public async Task A_workflow_built_from_an_empty_canvas_by_dragging_and_connecting_is_saved_as_drawn()
    {
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Manual Trigger", 140, 200, "Manual Trigger");
            await designer.DropAsync("HTTP Request", 400, 200, "HTTP Request");
            await designer.DropAsync("If", 660, 200, "If");
            await designer.DropAsync("Log", 920, 120, "Log");
            await designer.DropAsync("Log", 920, 320, "Log 2");

            await designer.ConnectAsync("Manual Trigger", "out", "HTTP Request");
            await designer.ConnectAsync("HTTP Request", "out", "If");
            await designer.ConnectAsync("If", "true", "Log");
            await designer.ConnectAsync("If", "false", "Log 2");
            await Expect(designer.Links).ToHaveCountAsync(4);

            await designer.SelectAsync("HTTP Request");
            await designer.FillAsync("URL", "https://example.test/orders");
            await designer.SelectAsync("If");
            await designer.FillAsync("Condition", "$json.status == 200");
            await designer.SelectAsync("Log");
            await designer.FillAsync("Name", "Log success");
            await designer.FillAsync("Message", "Order fetched");
            await designer.SelectAsync("Log 2");
            await designer.FillAsync("Message", "Unexpected status");
            await designer.SaveAsync(expectedVersion: 1);

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workflows/[0-9a-f-]{36}$"));
            var saved = await DesignerPage.ExportAsync(Api.Http, designer.WorkflowIdFromUrl());
            saved.Nodes.Select(n => n.Name).Should().BeEquivalentTo(["Manual Trigger", "HTTP Request", "If", "Log success", "Log 2"]);
            var byName = saved.Nodes.ToDictionary(n => n.Name, n => n.Id);
            saved.Connections.Select(c => (c.SourceNodeId, c.SourcePort, c.TargetNodeId)).Should().BeEquivalentTo([
                (byName["Manual Trigger"], "out", byName["HTTP Request"]),
                (byName["HTTP Request"], "out", byName["If"]),
                (byName["If"], "true", byName["Log success"]),
                (byName["If"], "false", byName["Log 2"]),
            ]);
            saved.Nodes.Single(n => n.Name == "HTTP Request").Settings["url"]!.GetValue<string>().Should().Be("https://example.test/orders");
            saved.Nodes.Single(n => n.Name == "If").Settings["condition"]!.GetValue<string>().Should().Be("$json.status == 200");
            await Expect(designer.Node("Log success")).ToHaveAttributeAsync("data-status", "idle");
        });
    }

    [Fact]
    public async Task A_connection_into_a_trigger_is_refused_with_the_reason()
    {
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Manual Trigger", 140, 200, "Manual Trigger");
            await designer.DropAsync("Log", 440, 200, "Log");

            await designer.Output("Log", "out").DragToAsync(designer.Node("Manual Trigger"));

            await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("A trigger has no input.");
            await Expect(designer.Links).ToHaveCountAsync(0);

            await designer.ConnectAsync("Manual Trigger", "out", "Log");
            await designer.ConnectAsync("Manual Trigger", "out", "Log");
            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Already connected." })).ToBeVisibleAsync();
            await Expect(designer.Links).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task Undo_and_redo_reverse_and_replay_edits_with_the_keyboard_and_the_toolbar()
    {
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Manual Trigger", 140, 200, "Manual Trigger");
            await designer.DropAsync("Log", 440, 200, "Log");
            await designer.ConnectAsync("Manual Trigger", "out", "Log");
            await Expect(designer.Links).ToHaveCountAsync(1);

            await page.Keyboard.PressAsync("Control+z");
            await Expect(designer.Links).ToHaveCountAsync(0);
            await page.Keyboard.PressAsync("Control+z");
            await Expect(designer.Node("Log")).ToHaveCountAsync(0);

            await page.Keyboard.PressAsync("Control+y");
            await Expect(designer.Node("Log")).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Redo" }).ClickAsync();
            await Expect(designer.Links).ToHaveCountAsync(1);

            await designer.SelectAsync("Log");
            await page.Keyboard.PressAsync("Delete");
            await Expect(designer.Node("Log")).ToHaveCountAsync(0);
            await Expect(designer.Links).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(designer.Node("Log")).ToBeVisibleAsync();
            await Expect(designer.Links).ToHaveCountAsync(1);
        });
    }

    [Fact]
    public async Task A_link_reached_with_the_keyboard_is_deleted_with_the_Delete_key_and_restored_with_undo()
    {
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Manual Trigger", 140, 200, "Manual Trigger");
            // Lower than the trigger: a perfectly straight link has a zero-height box, which Playwright will not click.
            await designer.DropAsync("Log", 440, 320, "Log");
            await designer.ConnectAsync("Manual Trigger", "out", "Log");
            var link = designer.Link("Manual Trigger", "out", "Log");
            await Expect(link).ToHaveCountAsync(1);

            // The diagram draws links in a layer before the nodes: Shift+Tab from the first node reaches the last link.
            await designer.Node("Manual Trigger").FocusAsync();
            await page.Keyboard.PressAsync("Shift+Tab");
            await Expect(link).ToBeFocusedAsync();
            await Expect(link).ToHaveAttributeAsync("aria-pressed", "true");

            await page.Keyboard.PressAsync("Delete");
            await Expect(link).ToHaveCountAsync(0);
            await Expect(designer.Links).ToHaveCountAsync(0);
            await Expect(designer.Node("Log")).ToBeVisibleAsync();

            await page.Keyboard.PressAsync("Control+z");
            await Expect(link).ToHaveCountAsync(1);

            await link.ClickAsync();
            await Expect(link).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(page.Locator(".clink-group.selected")).ToHaveCountAsync(1);

            // Touch screens have no Delete key: the inspector offers the same delete.
            await Expect(page.Locator(".inspector .panel-sub")).ToHaveTextAsync("Manual Trigger → Log");
            await page.Locator(".inspector").GetByRole(AriaRole.Button, new() { Name = "Delete link" }).ClickAsync();
            await Expect(link).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task Leaving_with_unsaved_edits_asks_first_and_staying_keeps_the_draft()
    {
        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenNewAsync(page);
            await designer.DropAsync("Manual Trigger", 140, 200, "Manual Trigger");
            await Expect(page.GetByTestId("dirty-marker")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Workflows", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync("Leave without saving?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workflows/new$"));
            await Expect(designer.Node("Manual Trigger")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Link, new() { Name = "Workflows", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Leave" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workflows$"));
        });
    }

    [Fact]
    public async Task Testing_a_node_with_pinned_input_shows_its_output_and_keeps_the_pin_in_the_draft()
    {
        var workflowId = await Api.SaveWorkflowAsync(new WorkflowBuilder("Greeting test")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("greet", NodeTypes.Transform, "Greet", 1, settings: new JsonObject
            {
                ["fields"] = new JsonObject { ["greeting"] = "Hello {{ $json.name }}" },
            })
            .Connect("start", "greet")
            .Build());

        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenAsync(page, workflowId);
            await designer.SelectAsync("Greet");
            await page.Locator(".inspector").GetByRole(AriaRole.Tab, new() { Name = "Test" }).ClickAsync();
            await designer.FillAsync("Pinned input", """{ "name": "Ada" }""");
            await page.GetByRole(AriaRole.Button, new() { Name = "Test node" }).ClickAsync();

            await Expect(page.GetByTestId("test-output")).ToContainTextAsync("Hello Ada");
            await designer.SaveAsync(expectedVersion: 2);

            var saved = await DesignerPage.ExportAsync(Api.Http, workflowId);
            saved.FindNode("greet")!.PinnedInput!["name"]!.GetValue<string>().Should().Be("Ada");
        });
    }
}
