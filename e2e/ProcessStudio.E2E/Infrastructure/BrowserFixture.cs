using Microsoft.Playwright;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>One headless Debian Chromium per test collection; each test gets its own context and page.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("PS_CHROMIUM_PATH") ?? ChromiumPath;
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium was not found at '{executable}'. Install it with `apt-get install -y chromium` (./test.sh does).");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
