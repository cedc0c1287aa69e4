using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Model;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>Export JSON from the workflows list and import it back: the copy has the same nodes and links.</summary>
public sealed class ImportExportTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    // The shared 2-core machine can be slow; wait as long as for any other Playwright action.
    static ImportExportTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Fact]
    public async Task An_exported_workflow_imports_back_as_a_new_workflow_with_the_same_graph()
    {
        var name = $"Round trip {Guid.NewGuid():N}"[..20];
        var original = new WorkflowBuilder(name)
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("wait", NodeTypes.Delay, "Wait", 1, settings: new() { ["duration"] = "1s" })
            .Node("log", NodeTypes.Log, "Done", 2, settings: new() { ["message"] = "done" })
            .Connect("start", "wait")
            .Connect("wait", "log")
            .Build();
        await Api.SaveWorkflowAsync(original);

        await WithPageAsync(async page =>
        {
            await page.GotoAsync("workflows");
            var download = await page.RunAndWaitForDownloadAsync(() =>
                page.GetByRole(AriaRole.Button, new() { Name = $"Export {name}", Exact = true }).ClickAsync());
            var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.workflow.json");
            await download.SaveAsAsync(file);
            var exported = WorkflowJson.Deserialize(await File.ReadAllTextAsync(file));
            exported.Nodes.Should().HaveCount(3);

            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await ChooseFileAsync(dialog, () => dialog.Locator("input[type=file]").SetInputFilesAsync(file), dialog.GetByText("3 nodes · 2 connections"));
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

            await Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "Workflow imported" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveCountAsync(2);
            File.Delete(file);
        });
    }

    [Fact]
    public async Task A_malformed_file_is_refused_with_the_error_listed()
    {
        await WithPageAsync(async page =>
        {
            await page.GotoAsync("workflows");
            await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            var broken = new FilePayload
            {
                Name = "broken.json",
                MimeType = "application/json",
                Buffer = "{ \"name\": \"x\", \"nodes\": [ { \"id\": 1 "u8.ToArray(),
            };
            await ChooseFileAsync(dialog, () => dialog.Locator("input[type=file]").SetInputFilesAsync(broken), dialog.GetByRole(AriaRole.Alert));

            await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("cannot be imported");
            await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true })).ToBeDisabledAsync();
        });
    }

    /// <summary>
    /// Chooses a file in the dialog until it reacts: the dialog's file input is wired by Blazor after it opens, and a
    /// file chosen a moment before that goes unseen.
    /// </summary>
    private static async Task ChooseFileAsync(ILocator dialog, Func<Task> choose, ILocator reaction)
    {
        await Expect(dialog).ToBeVisibleAsync();
        for (var attempt = 1; ; attempt++)
        {
            await choose();
            try
            {
                await reaction.WaitForAsync(new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3) { }
        }
    }
}
