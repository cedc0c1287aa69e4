using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>Replay of a finished run recolours the canvas to earlier moments.</summary>
public sealed class ReplayTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task The_replay_scrubber_shows_earlier_states()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Replay me", "1s"));
        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            await Api.WaitForStatusAsync(executionId, TimeSpan.FromSeconds(30), "completed");
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await monitor.ExpectNodeStatusAsync("Say done", "succeeded");

            await page.GetByRole(AriaRole.Button, new() { Name = "Replay run" }).ClickAsync();
            var slider = page.GetByRole(AriaRole.Slider, new() { Name = "Replay position" });

            await slider.FillAsync("500");
            await monitor.ExpectNodeStatusAsync("Start", "succeeded");
            await monitor.ExpectNodeActiveAsync("Wait");
            await monitor.ExpectNodeStatusAsync("Say done", "pending");

            await slider.FillAsync("0");
            await monitor.ExpectNodeStatusAsync("Say done", "pending");
            await Expect(monitor.Node("Wait")).Not.ToHaveAttributeAsync("data-status", "succeeded");

            await page.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
            await monitor.ExpectNodeStatusAsync("Start", "succeeded");
            await monitor.ExpectNodeStatusAsync("Say done", "pending");

            await slider.FillAsync("1000");
            await monitor.ExpectNodeStatusAsync("Say done", "succeeded");

            await page.GetByRole(AriaRole.Button, new() { Name = "Exit replay" }).ClickAsync();
            await monitor.ExpectNodeStatusAsync("Wait", "succeeded");
        });
    }
}
