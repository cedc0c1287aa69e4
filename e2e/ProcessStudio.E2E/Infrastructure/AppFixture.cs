namespace ProcessStudio.E2E.Infrastructure;

/// <summary>One running ProcessStudio app per test collection, plus a REST client for arranging scenarios.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private AppProcess? _app;

    public AppProcess App => _app ?? throw new InvalidOperationException("The app has not started.");
    public Uri BaseAddress => App.BaseAddress;
    public ProcessStudioApi Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _app = await AppProcess.StartAsync(timeout.Token);
        Api = new ProcessStudioApi(new HttpClient { BaseAddress = _app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}
