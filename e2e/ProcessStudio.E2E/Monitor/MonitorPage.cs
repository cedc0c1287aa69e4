using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ProcessStudio.E2E.Monitor;

/// <summary>The live execution view as a person sees it: canvas nodes by name, controls by name, logs, inspector.</summary>
public sealed class MonitorPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(Guid executionId)
    {
        await page.GotoAsync($"executions/{executionId}");
        await page.Locator(".monitor").WaitForAsync();
    }

    /// <summary>The canvas node with this accessible name.</summary>
    public ILocator Node(string name) => page.Locator($".canvas [aria-roledescription='node'][aria-label='{name}']");

    public ILocator Control(string name) => page.Locator(".run-actions, .breakpoint-panel").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Monitor => page.Locator(".monitor");

    public ILocator LogLines => page.Locator(".logs-scroll .log-line");

    public async Task ExpectNodeStatusAsync(string name, string status, float timeoutMs = 30_000) =>
        await Assertions.Expect(Node(name)).ToHaveAttributeAsync("data-status", status, new() { Timeout = timeoutMs });

    /// <summary>Running, or waiting (a Delay counting down): the node is in flight.</summary>
    public async Task ExpectNodeActiveAsync(string name, float timeoutMs = 30_000) =>
        await Assertions.Expect(Node(name)).ToHaveAttributeAsync("data-status", new Regex("^(running|waiting)$"), new() { Timeout = timeoutMs });

    public async Task ExpectRunStatusAsync(string status, float timeoutMs = 30_000) =>
        await Assertions.Expect(Monitor).ToHaveAttributeAsync("data-execution-status", status, new() { Timeout = timeoutMs });

    public async Task ConfirmAsync(string confirmLabel) =>
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = confirmLabel, Exact = true }).ClickAsync();

    public ILocator LogLine(string text) => LogLines.Filter(new() { HasTextRegex = new Regex(Regex.Escape(text)) });
}
