using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>A failing HTTP node: its retry attempts and its error are visible, and the error links to the node.</summary>
public sealed class FailureTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task A_failing_http_node_shows_its_attempts_and_error()
    {
        await using var stub = new StubHttpServer();
        var url = stub.Map("always-down", failTimes: int.MaxValue, failStatus: 503);
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.FlakyHttp("Failing HTTP", url));

        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);

            await monitor.ExpectRunStatusAsync("failed");
            await monitor.ExpectNodeStatusAsync("Call flaky API", "failed");
            await Expect(monitor.Node("Log response")).Not.ToHaveAttributeAsync("data-status", "succeeded");
            var banner = page.Locator(".run-error");
            await Expect(banner).ToContainTextAsync("503");

            await banner.GetByRole(AriaRole.Button).ClickAsync();

            var inspector = page.GetByRole(AriaRole.Complementary, new() { Name = "Node inspector" });
            await Expect(inspector).ToContainTextAsync("Call flaky API");
            var attempts = inspector.Locator(".attempt");
            await Expect(attempts).ToHaveCountAsync(3);
            await Expect(attempts.Nth(0)).ToContainTextAsync("Attempt 1");
            await Expect(attempts.Nth(2)).ToContainTextAsync("Attempt 3");
            await Expect(attempts.Locator(".attempt-error").First).ToContainTextAsync(new Regex("503"));
            stub.Hits("always-down").Should().Be(3);
        });
    }
}
