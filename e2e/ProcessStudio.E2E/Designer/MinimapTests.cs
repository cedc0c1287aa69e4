using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Designer;

/// <summary>The canvas' minimap: shown when part of the workflow is off screen, and a click there jumps the view.</summary>
public sealed class MinimapTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    static MinimapTests() => SetDefaultExpectTimeout(DefaultTimeoutMs);

    [Fact]
    public async Task A_click_on_the_minimap_brings_that_part_of_the_workflow_to_the_middle_of_the_canvas()
    {
        var builder = new WorkflowBuilder("Long line").Node("n0", NodeTypes.Manual, "Start", 0);
        for (var i = 1; i < 24; i++)
        {
            builder.Node($"n{i}", NodeTypes.Log, $"Log {i}", i, settings: new() { ["message"] = $"step {i}" });
            builder.Connect($"n{i - 1}", $"n{i}");
        }
        var workflowId = await Api.SaveWorkflowAsync(builder.Build());

        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenAsync(page, workflowId);
            var minimap = page.Locator(".canvas svg.minimap");
            for (var i = 0; i < 4; i++) await page.GetByRole(AriaRole.Button, new() { Name = "Zoom in" }).ClickAsync();
            await Expect(minimap).ToBeVisibleAsync();
            var canvas = (await designer.Canvas.BoundingBoxAsync())!;
            var last = designer.Node("Log 23");
            Assert.False(await CentreIsInsideAsync(last, canvas), "the end of the line starts off screen");

            // The line runs along the middle of the minimap; its right end is the last node.
            var map = (await minimap.BoundingBoxAsync())!;
            await minimap.ClickAsync(new() { Position = new() { X = map.Width - 8, Y = map.Height / 2 } });

            await Expect(last).ToBeVisibleAsync();
            var deadline = DateTime.UtcNow.AddMilliseconds(DefaultTimeoutMs);
            while (!await CentreIsInsideAsync(last, canvas))
            {
                Assert.True(DateTime.UtcNow < deadline, "the view did not move to the clicked end of the line");
                await page.WaitForTimeoutAsync(100);
            }
        });
    }

    private static async Task<bool> CentreIsInsideAsync(ILocator node, LocatorBoundingBoxResult canvas)
    {
        if (await node.CountAsync() == 0 || await node.BoundingBoxAsync() is not { } box) return false;   // culled: off screen
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        return x > canvas.X && x < canvas.X + canvas.Width && y > canvas.Y && y < canvas.Y + canvas.Height;
    }
}
