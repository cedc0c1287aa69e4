using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>Pause, Resume and Cancel from the monitor's header, each enabled only when the run allows it.</summary>
public sealed class RunControlTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task Pause_shows_paused_and_resume_completes_the_run()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Pause and resume", "10s"));
        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await monitor.ExpectNodeActiveAsync("Wait");
            await monitor.ExpectRunStatusAsync("running");
            await Expect(monitor.Control("Resume")).ToBeDisabledAsync();

            await monitor.Control("Pause").ClickAsync();

            await monitor.ExpectRunStatusAsync("paused");
            await Expect(monitor.Control("Pause")).ToBeDisabledAsync();
            await Expect(monitor.Control("Resume")).ToBeEnabledAsync();
            await Expect(monitor.Node("Say done")).Not.ToHaveAttributeAsync("data-status", "succeeded");

            await monitor.Control("Resume").ClickAsync();

            await monitor.ExpectRunStatusAsync("completed");
            await monitor.ExpectNodeStatusAsync("Say done", "succeeded");
            await Expect(monitor.Control("Retry")).ToBeEnabledAsync();
        });
    }

    [Fact]
    public async Task Cancel_after_confirmation_shows_cancelled()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Cancel me", "60s"));
        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await monitor.ExpectNodeActiveAsync("Wait");

            await monitor.Control("Cancel").ClickAsync();
            await monitor.ConfirmAsync("Cancel run");

            await monitor.ExpectRunStatusAsync("cancelled");
            await Expect(monitor.Node("Say done")).Not.ToHaveAttributeAsync("data-status", "succeeded");
            // A cancelled run leaves nothing looking as if it were still to come: the cut-off node is cancelled, the rest never ran.
            await monitor.ExpectNodeStatusAsync("Wait", "cancelled");
            await monitor.ExpectNodeStatusAsync("Say done", "skipped");
            await Expect(monitor.Control("Cancel")).ToBeDisabledAsync();
        });
    }
}
