using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using ProcessStudio.E2E.Monitor;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Security;

/// <summary>Roles in the browser: what a Viewer sees and is refused, the admin's settings, and a CSP the app runs under.</summary>
public sealed class AccessTests(AppFixture app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public async Task A_viewer_sees_no_run_save_or_control_buttons_and_a_direct_attempt_is_refused()
    {
        await CreateUserAsync("viewer-vic", "viewer-password", "Viewer");
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Viewer can look", "30s"));
        var executionId = await Api.StartAsync(workflowId);

        await WithPageAsync(async page =>
        {
            await SignInAsync(page, "viewer-vic", "viewer-password");
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Viewer can look" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run Viewer can look" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "New workflow" })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Delete Viewer can look" })).ToHaveCountAsync(0);

            await page.GotoAsync($"workflows/{workflowId}");
            await Expect(page.Locator(".canvas [aria-roledescription='node']").First).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToHaveCountAsync(0);
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true })).ToHaveCountAsync(0);
            // The keyboard shortcut still reaches the page; the action itself refuses.
            await page.Keyboard.PressAsync("Control+s");
            await Expect(page.GetByText("Your role cannot save workflows.")).ToBeVisibleAsync();

            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await monitor.ExpectRunStatusAsync("running");
            await Expect(page.GetByRole(AriaRole.Toolbar, new() { Name = "Run controls" })).ToHaveCountAsync(0);

            // A direct API call with the viewer's own session is refused too.
            var status = await page.EvaluateAsync<int>(
                $"async () => (await fetch('api/v1/executions/{executionId}/cancel', {{ method: 'POST' }})).status");
            status.Should().Be(403);
        }, signedIn: false);

        await Api.CancelAsync(executionId);
    }

    [Fact]
    public async Task An_open_page_of_a_user_the_admin_disables_goes_to_the_login_page()
    {
        await CreateUserAsync("wanda", "viewer-password", "Viewer");

        await WithPageAsync(async page =>
        {
            await SignInAsync(page, "wanda", "viewer-password");
            await page.GotoAsync("executions");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Executions", Exact = true })).ToBeVisibleAsync();

            await DisableUserAsync("wanda");

            // No reload and no click: the page's own circuit re-checks its user and loses the sign-in.
            await page.WaitForURLAsync(url => url.Contains("/login"));
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();
        }, signedIn: false);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_form_for_that_user_and_say_until_when()
    {
        await CreateUserAsync("xena", "viewer-password", "Viewer");

        await WithPageAsync(async page =>
        {
            await page.GotoAsync("login");
            for (var i = 1; i <= 5; i++)
            {
                await page.GetByLabel("User name").FillAsync("xena");
                await page.GetByLabel("Password").FillAsync($"wrong-{i}");
                await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
            }
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed sign-ins");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "login-locked.png") });

            await page.GetByLabel("User name").FillAsync("xena");
            await page.GetByLabel("Password").FillAsync("viewer-password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed sign-ins");
            page.Url.Should().Contain("/login", "the right password does not get through a lockout");
        }, signedIn: false);
    }

    [Fact]
    public async Task An_operator_pauses_from_the_monitor_and_the_admin_finds_it_in_the_run_log_and_the_audit_trail()
    {
        await CreateUserAsync("oscar", "operator-password", "Operator");
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.DelayThenLog("Audited pause", "30s"));
        var executionId = await Api.StartAsync(workflowId);

        await WithPageAsync(async page =>
        {
            await SignInAsync(page, "oscar", "operator-password");
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await monitor.ExpectNodeActiveAsync("Wait");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToHaveCountAsync(0);
            await monitor.Control("Pause").ClickAsync();
            await monitor.ExpectRunStatusAsync("paused");
        }, signedIn: false);

        await WithPageAsync(async page =>
        {
            var monitor = new MonitorPage(page);
            await monitor.OpenAsync(executionId);
            await Expect(monitor.LogLine("Paused by oscar")).ToBeVisibleAsync();

            await page.GotoAsync("settings");
            var audit = page.Locator(".audit-grid");
            await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "execution.pause" }).Filter(new() { HasText = "oscar" })).ToBeVisibleAsync();

            // The grid's filter and sort go into the URL, so a reload shows the same rows.
            await audit.Locator("th .sortable-column-header", new() { HasText = "Who" }).ClickAsync();
            await page.GetByLabel("Who").First.FillAsync("oscar");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("who=oscar.*sort=actor"));
            await page.ReloadAsync();
            await Expect(page.GetByLabel("Who").First).ToHaveValueAsync("oscar");
            await Expect(audit.GetByRole(AriaRole.Row).Filter(new() { HasText = "execution.pause" })).ToBeVisibleAsync();
        });

        await Api.CancelAsync(executionId);
    }

    [Fact]
    public async Task The_admin_creates_an_api_key_in_settings_that_is_shown_once_and_stops_working_when_revoked()
    {
        await WithPageAsync(async page =>
        {
            await page.GotoAsync("settings");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).First.ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Name").FillAsync("e2e-reporting");
            await dialog.MudSelect("Role").ChooseAsync("Viewer");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

            // The new key shows in view, with a copy button, however far down the page the keys list is.
            await Expect(page.GetByTestId("new-api-key")).ToBeInViewportAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy key" })).ToBeInViewportAsync();
            var key = await page.GetByTestId("new-api-key").InnerTextAsync();
            key.Should().StartWith("psk_");
            Directory.CreateDirectory(ArtifactsFolder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(ArtifactsFolder, "settings-access.png"), FullPage = true });
            (await CallWithKeyAsync(key)).Should().Be(200);

            await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
            await Expect(page.GetByTestId("new-api-key")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke e2e-reporting" }).ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-reporting" }).GetByText("Revoked")).ToBeVisibleAsync();

            (await CallWithKeyAsync(key)).Should().Be(401);
        });
    }

    [Fact]
    public async Task Every_page_works_under_the_content_security_policy()
    {
        var workflowId = await Api.SaveWorkflowAsync(Scenarios.ThreeSteps("Under the CSP"));
        var executionId = await Api.StartAsync(workflowId);
        await Api.WaitForStatusAsync(executionId, TimeSpan.FromSeconds(30), "completed");

        await WithPageAsync(async page =>
        {
            var violations = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(message.Text);
            };
            foreach (var path in new[] { "workflows", $"workflows/{workflowId}", $"executions/{executionId}", "executions", "dashboard", "settings" })
            {
                var response = await page.GotoAsync(path);
                response!.Headers["content-security-policy"].Should().Contain("script-src 'self'");
                await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();   // rendered by the circuit (pages do not prerender)
            }
            // Still interactive: the monitor's status comes over the Blazor circuit's WebSocket (connect-src).
            await page.GotoAsync($"executions/{executionId}");
            await new MonitorPage(page).ExpectRunStatusAsync("completed");
            violations.Should().BeEmpty();
        });
    }

    private async Task CreateUserAsync(string userName, string password, string role)
    {
        using var response = await Api.Http.PostAsJsonAsync("api/v1/users", new { userName, password, role });
        if (!response.IsSuccessStatusCode && !(await response.Content.ReadAsStringAsync()).Contains("already exists"))
            throw new InvalidOperationException($"Could not create {userName}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task DisableUserAsync(string userName)
    {
        var users = await Api.Http.GetFromJsonAsync<JsonObject>("api/v1/users");
        var id = users!["data"]!.AsArray().Single(u => u!["userName"]!.GetValue<string>() == userName)!["id"]!.GetValue<string>();
        using var response = await Api.Http.PatchAsJsonAsync($"api/v1/users/{id}", new { disabled = true });
        response.EnsureSuccessStatusCode();
    }

    private static async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Commit, not load: the signed-in page may start its own navigation before "load" fires; callers wait for UI.
        await page.WaitForURLAsync(url => !url.Contains("/login"), new() { WaitUntil = WaitUntilState.Commit });
    }

    private async Task<int> CallWithKeyAsync(string key)
    {
        using var http = new HttpClient { BaseAddress = App.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return (int)(await http.GetAsync("api/v1/workflows")).StatusCode;
    }
}
