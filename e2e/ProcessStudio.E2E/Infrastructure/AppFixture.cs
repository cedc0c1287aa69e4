using Microsoft.Playwright;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>One running ProcessStudio app per test collection, plus a REST client for arranging scenarios.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _signIn = new(1, 1);
    private AppProcess? _app;
    private string? _signedInState;

    public AppProcess App => _app ?? throw new InvalidOperationException("The app has not started.");
    public Uri BaseAddress => App.BaseAddress;
    public ProcessStudioApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _app = await AppProcess.StartAsync(timeout.Token);
        Api = ProcessStudioApi.For(_app.BaseAddress);
    }

    /// <summary>
    /// Cookies and storage of a browser signed in as the admin: the login form is filled once per app, and every
    /// test's browser context starts from this state.
    /// </summary>
    public async Task<string> SignedInStateAsync(IBrowser browser)
    {
        await _signIn.WaitAsync();
        try
        {
            if (_signedInState is not null)
                return _signedInState;
            return _signedInState = await SignInAsync(browser, BaseAddress);
        }
        finally
        {
            _signIn.Release();
        }
    }

    /// <summary>Signs in as the test admin on the app at <paramref name="baseAddress"/>; returns the browser storage state to reuse.</summary>
    public static async Task<string> SignInAsync(IBrowser browser, Uri baseAddress)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("login");
        await page.GetByLabel("User name").FillAsync(TestCredentials.AdminUserName);
        await page.GetByLabel("Password").FillAsync(TestCredentials.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Commit, not load: the signed-in page may start its own navigation before "load" fires; callers wait for UI.
        await page.WaitForURLAsync(url => !url.Contains("/login"), new() { WaitUntil = WaitUntilState.Commit });
        return await context.StorageStateAsync();
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
