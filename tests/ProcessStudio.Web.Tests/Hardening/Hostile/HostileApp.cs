using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProcessStudio.Web.Tests.Hooks;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Hardening.Hostile;

/// <summary>
/// One app for the whole hostile-input suite, with its log captured, a saved workflow to PUT over and hooks to call.
/// </summary>
public sealed class HostileApp : IAsyncLifetime
{
    public const string SignedHookPath = "hostile/signed";
    public const string OpenHookPath = "hostile/open";
    public const string HookSecret = "hostile-secret";

    private readonly TempFolder _folder = new();
    private Factory _factory = null!;

    public CapturedLog Log { get; } = new();
    public ApiClient Api { get; private set; } = null!;
    public Guid SavedWorkflowId { get; private set; }

    public async Task InitializeAsync()
    {
        _factory = new Factory(_folder.Path, Log);
        Api = new ApiClient(_factory.CreateClient());
        SavedWorkflowId = await Api.CreateWorkflowAsync(TestWorkflows.Hello("Hostile target"));
        await Api.CreateWorkflowAsync(HookFixture.Flow("Hostile signed hook",
            new { path = SignedHookPath, method = "POST", authentication = "hmac-sha256", secret = HookSecret }, HookFixture.Log()));
        await Api.CreateWorkflowAsync(HookFixture.Flow("Hostile open hook", new { path = OpenHookPath, method = "POST" }, HookFixture.Log()));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _folder.Dispose();
    }

    /// <summary>Sends a request exactly as built (raw bodies, any content type) and returns the response.</summary>
    public async Task<ApiResponse> SendAsync(HttpRequestMessage request) => await Api.SendAsync(request);

    public async Task ShouldStillBeReadyAsync()
    {
        using var ready = await Api.Http.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
    }

    private sealed class Factory(string folder, CapturedLog log) : AppFactory(folder)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(log));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class HostileCollection : ICollectionFixture<HostileApp>
{
    public const string Name = "Hostile input";
}
