using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProcessStudio.E2E.Designer;
using ProcessStudio.E2E.Infrastructure;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Monitor;

/// <summary>A run with a sub-workflow: the monitor links parent and child both ways; the designer picks the workflow by name.</summary>
public sealed class SubWorkflowTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    private async Task<(Guid ParentWorkflow, Guid ChildWorkflow)> SaveWorkflowsAsync(string suffix)
    {
        var childName = $"Price order {suffix}";
        var child = await Api.SaveWorkflowAsync(new WorkflowBuilder(childName)
            .Node("start", "manual-trigger", "Start", 0)
            .Node("price", "transform", "Price", 1, settings: new JsonObject { ["fields"] = new JsonObject { ["total"] = "{{ $input?.qty * 3 }}" } })
            .Connect("start", "price")
            .Build());
        var parent = await Api.SaveWorkflowAsync(new WorkflowBuilder($"Checkout {suffix}")
            .Node("start", "manual-trigger", "Start", 0)
            .Node("call", "sub-workflow", "Price the order", 1, settings: new JsonObject
            {
                ["workflow"] = child.ToString(),
                ["input"] = new JsonObject { ["qty"] = "{{ $input?.qty }}" },
            })
            .Node("receipt", "transform", "Receipt", 2, settings: new JsonObject { ["fields"] = new JsonObject { ["charged"] = "{{ $json.total }}" } })
            .Connect("start", "call")
            .Connect("call", "receipt")
            .Build());
        return (parent, child);
    }

    [Fact]
    public async Task The_parent_lists_its_child_run_and_the_child_links_back()
    {
        var (parentWorkflow, _) = await SaveWorkflowsAsync("links");
        var parentRun = await Api.StartAsync(parentWorkflow, new JsonObject { ["qty"] = 2 });
        (await Api.WaitForStatusAsync(parentRun, TimeSpan.FromSeconds(30), "completed", "failed")).Should().Be("completed");

        await WithPageAsync(async page =>
        {
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(parentRun);
            await monitor.ExpectNodeStatusAsync("Price the order", "succeeded");

            await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Child runs") }).ClickAsync();
            var row = page.Locator(".child-runs tbody tr");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("Price order links");
            await Expect(row).ToContainTextAsync("Sub-workflow");

            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/executions/(?!" + parentRun + ")"));
            await monitor.ExpectRunStatusAsync("completed");
            var parentLink = page.GetByTestId("parent-link");
            await Expect(parentLink).ToContainTextAsync("child of");

            await parentLink.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/executions/{parentRun}$"));
            await Expect(page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Child runs") })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task The_designer_picks_the_sub_workflow_by_name()
    {
        var (parentWorkflow, childWorkflow) = await SaveWorkflowsAsync("picker");

        await WithPageAsync(async page =>
        {
            var designer = await DesignerPage.OpenAsync(page, parentWorkflow);
            await designer.SelectAsync("Price the order");

            var picker = page.Locator(".inspector").MudSelect("Workflow");
            await Expect(picker.ShownValue()).ToHaveValueAsync("Price order picker");   // the picker shows the child's name for its id
        });
    }

    [EnvFact("PS_SCREENSHOTS")]
    public async Task Screenshots_of_the_child_runs_tab_and_the_sub_workflow_settings()
    {
        var (parentWorkflow, _) = await SaveWorkflowsAsync("shots");
        var parentRun = await Api.StartAsync(parentWorkflow, new JsonObject { ["qty"] = 2 });
        await Api.WaitForStatusAsync(parentRun, TimeSpan.FromSeconds(30), "completed", "failed");
        foreach (var theme in new[] { "light", "dark" })
        {
            await WithPageAsync(async page =>
            {
                var monitor = new MonitorPage(page);
                await monitor.OpenAsync(parentRun);
                await page.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("^Child runs") }).ClickAsync();
                await Expect(page.Locator(".child-runs tbody tr")).ToHaveCountAsync(1);
                await page.ScreenshotAsync(new() { Path = Screenshot($"monitor-child-runs-{theme}.png") });

                var designer = await DesignerPage.OpenAsync(page, parentWorkflow);
                await designer.SelectAsync("Price the order");
                await page.ScreenshotAsync(new() { Path = Screenshot($"designer-sub-workflow-{theme}.png") });
            }, colorScheme: theme);
        }
    }

    private static string Screenshot(string name)
    {
        Directory.CreateDirectory(ArtifactsFolder);
        return Path.Combine(ArtifactsFolder, name);
    }
}
