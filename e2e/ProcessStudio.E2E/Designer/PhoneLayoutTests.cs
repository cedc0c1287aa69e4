using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>The designer on a phone-sized screen: the palette opens as a drawer over the canvas.</summary>
public sealed class PhoneLayoutTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    static PhoneLayoutTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task On_a_phone_the_palette_opens_as_a_drawer_and_adds_nodes(string theme)
    {
        var workflowId = await Api.SaveWorkflowAsync(new WorkflowBuilder("Phone layout")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("fetch", NodeTypes.HttpRequest, "Fetch orders", 1, settings: new() { ["url"] = "https://example.test/orders" })
            .Node("check", NodeTypes.If, "Any orders?", 2, settings: new() { ["condition"] = "$json.count > 0" })
            .Node("log", NodeTypes.Log, "Report", 3, settings: new() { ["message"] = "{{ $json.count }} orders" })
            .Connect("start", "fetch")
            .Connect("fetch", "check")
            .Connect("check", "log", "true")
            .Build());

        await WithPageAsync(async page =>
        {
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync($"workflows/{workflowId}");
            var designer = new DesignerPage(page);
            await Expect(designer.Node("Report")).ToBeVisibleAsync();
            var palette = page.GetByRole(AriaRole.Complementary, new() { Name = "Node palette" });
            await Expect(palette).ToBeHiddenAsync();
            await page.ScreenshotAsync(new() { Path = Screenshot($"designer-phone-{theme}.png") });

            await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
            await Expect(palette).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Screenshot($"designer-phone-palette-{theme}.png") });

            await palette.GetByRole(AriaRole.Button, new() { Name = "Log", Exact = true }).ClickAsync();
            await Expect(palette).ToBeHiddenAsync();
            await Expect(designer.Node("Log")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Screenshot($"designer-phone-node-{theme}.png") });

            // No Delete key on a phone: the inspector deletes, and undo stays reachable over the canvas.
            await page.Locator(".inspector").GetByRole(AriaRole.Button, new() { Name = "Delete node" }).ClickAsync();
            await Expect(designer.Node("Log")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Expect(designer.Node("Log")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Add node" }).ClickAsync();
            await palette.GetByRole(AriaRole.Button, new() { Name = "Close palette" }).ClickAsync();
            await Expect(palette).ToBeHiddenAsync();
        }, colorScheme: theme);
    }

    private static string Screenshot(string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        return Path.Combine(ArtifactsFolder, name);
    }
}
