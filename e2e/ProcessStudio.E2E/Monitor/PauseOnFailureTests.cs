using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Designer;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.Engine.Model;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>
/// onFailure: pause — a run whose HTTP node fails pauses at that node with the error shown; after the URL is fixed in the
/// designer, "Resume on latest" retries the node on the fixed version and the run completes.
/// </summary>
public sealed class PauseOnFailureTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task A_run_paused_at_a_failed_http_node_completes_after_the_url_is_fixed_in_the_designer_and_resumed()
    {
        await using var stub = new StubHttpServer();
        var brokenUrl = stub.Map("orders-typo", failTimes: int.MaxValue, failStatus: 503);
        var fixedUrl = stub.Map("orders");
        var workflow = new WorkflowBuilder("Pause on failure")
            .Node("start", NodeTypes.Manual, "Start", 0)
            .Node("call", NodeTypes.HttpRequest, "Fetch orders", 1, settings: new JsonObject { ["method"] = "GET", ["url"] = brokenUrl },
                policy: p => p.RetryPolicy = RetryPolicyNames.None)
            .Node("log", NodeTypes.Log, "Log response", 2, settings: new JsonObject { ["message"] = "got {{ $json.status }}" })
            .Connect("start", "call")
            .Connect("call", "log")
            .Build();
        workflow.Settings.OnFailure = FailureAction.Pause;
        var workflowId = await Api.SaveWorkflowAsync(workflow);

        await WithPageAsync(async page =>
        {
            var executionId = await Api.StartAsync(workflowId);
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await monitor.ExpectRunStatusAsync("paused");
            var panel = page.GetByRole(AriaRole.Alert, new() { Name = "Paused on failure" });
            await Expect(panel).ToContainTextAsync("Fetch orders");
            await Expect(panel).ToContainTextAsync("503");
            await monitor.ExpectNodeStatusAsync("Fetch orders", "failed");

            var designer = await DesignerPage.OpenAsync(page, workflowId);
            await designer.SelectAsync("Fetch orders");
            await designer.FillAsync("URL", fixedUrl);
            await designer.SaveAsync(expectedVersion: 2);

            await monitor.OpenAsync(executionId);
            await panel.GetByRole(AriaRole.Button, new() { Name = "Resume on latest (v2)" }).ClickAsync();

            await monitor.ExpectRunStatusAsync("completed");
            await monitor.ExpectNodeStatusAsync("Log response", "succeeded");
            stub.Hits("orders-typo").Should().Be(1, "no retries: the run paused at the first failure");
            stub.Hits("orders").Should().Be(1);
        });
    }
}
