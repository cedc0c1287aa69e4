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
        var http = new HttpClient { BaseAddress = _app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", TestCredentials.AdminApiKey);
        Api = new ProcessStudioApi(http);
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
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString() });
            var page = await context.NewPageAsync();
            await page.GotoAsync("login");
            await page.GetByLabel("User name").FillAsync(TestCredentials.AdminUserName);
            await page.GetByLabel("Password").FillAsync(TestCredentials.AdminPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/login"));
            return _signedInState = await context.StorageStateAsync();
        }
        finally
        {
            _signIn.Release();
        }
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
