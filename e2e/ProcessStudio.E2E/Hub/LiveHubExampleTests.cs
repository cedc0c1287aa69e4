using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.E2E.Monitor;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Hub;

/// <summary>
/// The browser example of docs/live-api.md (/examples/live.html, @microsoft/signalr from npm) against the real app:
/// it receives a real run's executionUpdate, nodeUpdate and log messages through /hubs/executions.
/// </summary>
public sealed class LiveHubExampleTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private static ILocator Event(IPage page, string kind, Guid executionId, string? status = null, string? node = null) =>
        page.Locator($"li.live-event[data-kind='{kind}'][data-execution='{executionId}']"
            + (status is null ? "" : $"[data-status='{status}']") + (node is null ? "" : $"[data-node='{node}']"));

    private static async Task ExpectConnectedAsync(IPage page) =>
        await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "connected");

    [Fact]
    public async Task The_all_group_streams_a_real_run_to_the_page_through_to_completion()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Hub example: all", "1s"));
        await WithPageAsync(async page =>
        {
            await page.GotoAsync("/examples/live.html?all");
            await ExpectConnectedAsync(page);

            var executionId = await Api.StartAsync(workflowId);

            await Expect(Event(page, "executionUpdate", executionId, "running").First).ToBeVisibleAsync();
            await Expect(Event(page, "nodeUpdate", executionId, "running", "wait").First).ToBeVisibleAsync();   // state change, then progress reports
            await Expect(Event(page, "nodeUpdate", executionId, "succeeded", "wait")).ToContainTextAsync("ms");
            await Expect(Event(page, "nodeUpdate", executionId, "succeeded", "done")).ToBeVisibleAsync();
            await Expect(Event(page, "log", executionId, "information", "done")).ToContainTextAsync("All done");
            await Expect(Event(page, "executionUpdate", executionId, "completed")).ToContainTextAsync("(100%)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, "live-hub-example.png") });
        });
    }

    [Fact]
    public async Task A_workflow_group_receives_its_runs_and_not_others()
    {
        var followed = await Api.SaveWorkflowAsync(Scenarios.ThreeSteps("Hub example: followed"));
        var other = await Api.SaveWorkflowAsync(Scenarios.ThreeSteps("Hub example: other"));
        await WithPageAsync(async page =>
        {
            await page.GotoAsync($"/examples/live.html?workflow={followed}");
            await ExpectConnectedAsync(page);

            var unrelated = await Api.StartAsync(other);
            await Api.WaitForStatusAsync(unrelated, TimeSpan.FromSeconds(30), "completed");
            var executionId = await Api.StartAsync(followed);

            await Expect(Event(page, "log", executionId, node: "c")).ToContainTextAsync("step c ran");
            await Expect(Event(page, "executionUpdate", executionId, "completed")).ToBeVisibleAsync();
            await Expect(page.Locator($"li.live-event[data-execution='{unrelated}']")).ToHaveCountAsync(0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, "live-hub-example-dark.png") });
        }, colorScheme: "dark");
    }

    [Fact]
    public async Task Following_one_execution_starts_from_its_state_and_an_unknown_id_is_explained()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.ThreeSteps("Hub example: one run"));
        var executionId = await Api.StartAsync(workflowId);
        await Api.WaitForStatusAsync(executionId, TimeSpan.FromSeconds(30), "completed");
        var unknown = Guid.NewGuid();
        await WithPageAsync(async page =>
        {
            await page.GotoAsync($"/examples/live.html?execution={executionId}");
            await ExpectConnectedAsync(page);
            await Expect(Event(page, "executionUpdate", executionId, "completed")).ToBeVisibleAsync();

            await page.GotoAsync($"/examples/live.html?execution={unknown}");
            await Expect(page.Locator("#error")).ToContainTextAsync($"Execution '{unknown}' does not exist.");
            await Expect(page.Locator("#state")).ToHaveAttributeAsync("data-state", "failed");
        });
    }
}
