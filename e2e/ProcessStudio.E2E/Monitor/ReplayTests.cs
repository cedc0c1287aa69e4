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

            var offset = page.GetByTestId("replay-offset");

            await slider.FillAsync("0");
            await Expect(offset).ToHaveTextAsync("+0 ms");
            await monitor.ExpectNodeStatusAsync("Say done", "pending");
            await Expect(monitor.Node("Wait")).Not.ToHaveAttributeAsync("data-status", "succeeded");

            // Steps go from one recorded change to the next. Times are stored to the millisecond, so Start's end and
            // Wait's start often share the run's first instant, and Wait's end Say done's start: stepping from 0 may
            // land on Say done already running. Step from the middle of the 1 s Wait instead, where the neighbouring
            // changes are unambiguous: forward is Wait finishing, back is Wait starting (Say done not yet begun).
            await slider.FillAsync("500");
            await Expect(offset).Not.ToHaveTextAsync("+0 ms");
            await monitor.ExpectNodeActiveAsync("Wait");
            await page.GetByRole(AriaRole.Button, new() { Name = "Next step" }).ClickAsync();
            await monitor.ExpectNodeStatusAsync("Start", "succeeded");
            await monitor.ExpectNodeStatusAsync("Wait", "succeeded");

            await page.GetByRole(AriaRole.Button, new() { Name = "Previous step" }).ClickAsync();
            await monitor.ExpectNodeStatusAsync("Start", "succeeded");
            await monitor.ExpectNodeActiveAsync("Wait");
            await monitor.ExpectNodeStatusAsync("Say done", "pending");

            await slider.FillAsync("1000");
            await monitor.ExpectNodeStatusAsync("Say done", "succeeded");

            await page.GetByRole(AriaRole.Button, new() { Name = "Exit replay" }).ClickAsync();
            await monitor.ExpectNodeStatusAsync("Wait", "succeeded");
        });
    }
}
