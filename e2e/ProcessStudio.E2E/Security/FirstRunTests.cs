using Microsoft.Playwright;
using ProcessStudio.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ProcessStudio.E2E.Security;

/// <summary>A fresh install without a configured admin: the first visitor creates the admin, then signs out and in again.</summary>
[Collection(AppCollection.Name)]
public sealed class FirstRunTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_first_visitor_sets_up_the_admin_then_signs_out_and_in_again()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var app = await AppProcess.StartAsync(timeout.Token, environment: new Dictionary<string, string>());
        await using var context = await browser.Browser.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString() });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();

        await page.GotoAsync("workflows");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
        await page.GetByLabel("User name").FillAsync("founder");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("founder-password");
        await page.GetByLabel("Repeat the password").FillAsync("founder-password");
        Directory.CreateDirectory(BrowserTest.ArtifactsFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTest.ArtifactsFolder, "first-run-setup.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Create admin and sign in" }).ClickAsync();

        await Expect(page.Locator(".user-chip")).ToContainTextAsync("founder");
        await Expect(page.Locator(".user-chip")).ToContainTextAsync("Admin");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();   // the app bar's button opens the sign-out page
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/logout$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));

        await page.GotoAsync("executions");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login\\?returnUrl=%2Fexecutions"));
        await page.GetByLabel("User name").FillAsync("founder");
        await page.GetByLabel("Password").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong");

        await page.GetByLabel("User name").FillAsync("founder");
        await page.GetByLabel("Password").FillAsync("founder-password");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserTest.ArtifactsFolder, "login.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/executions$"));
        await Expect(page.Locator("h1").First).ToHaveTextAsync("Executions");
    }
}
