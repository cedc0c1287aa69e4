using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>
/// Base class for e2e tests: opens a fresh browser context per test against the shared app, and on failure saves a
/// screenshot to artifacts/e2e/ and prints the app's recent output and the browser console.
/// </summary>
[Collection(AppCollection.Name)]
public abstract class BrowserTest(AppFixture app, BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>How long Playwright waits for an element or a navigation before a test fails.</summary>
    protected const float DefaultTimeoutMs = 20_000;

    protected AppFixture App { get; } = app;
    protected ProcessStudioApi Api => App.Api;
    protected ITestOutputHelper Output { get; } = output;

    public static string ArtifactsFolder { get; } = Path.Combine(AppLocator.RepositoryRoot, "artifacts", "e2e");

    /// <summary>
    /// Runs <paramref name="test"/> with a new page at the shared app's base address, or at <paramref name="baseAddress"/>
    /// (an app the test started itself), signed in as the admin unless <paramref name="signedIn"/> is false.
    /// </summary>
    protected async Task WithPageAsync(Func<IPage, Task> test, string? colorScheme = null, bool signedIn = true, Uri? baseAddress = null,
        [CallerMemberName] string testName = "")
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseAddress ?? App.BaseAddress).ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = colorScheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            StorageState = !signedIn ? null
                : baseAddress is null ? await App.SignedInStateAsync(browser.Browser)
                : await AppFixture.SignInAsync(browser.Browser, baseAddress),
        });
        context.SetDefaultTimeout(DefaultTimeoutMs);
        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"[{message.Type}] {message.Text}");
        page.PageError += (_, error) => console.Add($"[pageerror] {error}");

        try
        {
            await test(page);
        }
        catch
        {
            Directory.CreateDirectory(ArtifactsFolder);
            var screenshot = Path.Combine(ArtifactsFolder, $"{GetType().Name}.{testName}.png");
            try { await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true }); }
            catch (PlaywrightException) { }
            Output.WriteLine($"Screenshot: {screenshot}");
            Output.WriteLine("--- browser console ---");
            foreach (var line in console.TakeLast(50)) Output.WriteLine(line);
            Output.WriteLine("--- app output ---");
            Output.WriteLine(App.App.RecentOutput);
            throw;
        }
    }
}
