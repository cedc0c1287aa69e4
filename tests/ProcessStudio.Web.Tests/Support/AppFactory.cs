using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Connections.Smtp;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// The real app in memory over a real SQLite file in its own data folder. Retry delays are scaled down so retrying
/// nodes stay quick; everything else is the production composition.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _testServices;

    /// <param name="testServices">Replaces production services for a test (e.g. a channel that drops some messages).</param>
    public AppFactory(string dataFolder, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null)
    {
        DataFolder = dataFolder;
        _testServices = testServices;
        _settings = new Dictionary<string, string?>
        {
            ["ProcessStudio:DataFolder"] = dataFolder,
            ["ProcessStudio:Engine:RetryDelayScale"] = "0.01",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["ProcessStudio:Engine:OutboundAddresses:AllowLoopback"] = "true",   // the test HTTP servers listen on 127.0.0.1
        };
        foreach (var (key, value) in TestCredentials.InitialAdminSettings)
            _settings[key] = value;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
    }

    public string DataFolder { get; }

    /// <summary>Clients call as the initial admin's API key; tests of other callers remove or replace the header.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(TestCredentials.ApiKeyHeader, TestCredentials.AdminApiKey);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        // The SMTP sink's throwaway certificate; production has no setting for this, only code can set it.
        builder.ConfigureTestServices(services =>
        {
            services.Configure<SmtpTransportOptions>(o => o.ServerCertificateValidation = TestCertificate.TrustTestServer);
            _testServices?.Invoke(services);
        });
    }
}

/// <summary>A class fixture: one app and one data folder shared by the tests of a class.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public AppFactory Factory { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Factory = new AppFactory(_folder.Path);
        Api = new ApiClient(Factory.CreateClient());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        _folder.Dispose();
    }
}
