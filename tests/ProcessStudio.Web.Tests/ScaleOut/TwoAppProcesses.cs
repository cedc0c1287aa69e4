using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.ScaleOut;

/// <summary>
/// Two app processes on one PostgreSQL database, with short leases, and a recording HTTP server whose slow calls keep
/// a run stepping. Started only when a PostgreSQL server is configured (the tests are skipped otherwise).
/// </summary>
public class TwoAppProcesses : IAsyncLifetime
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);
    private readonly TempFolder _folders = new();
    private readonly IReadOnlyDictionary<string, string> _settings;

    public TwoAppProcesses() : this(new Dictionary<string, string>()) { }

    /// <param name="settings">Extra configuration keys for every instance started.</param>
    protected TwoAppProcesses(IReadOnlyDictionary<string, string> settings) => _settings = settings;

    public PostgresTestDatabase Database { get; private set; } = null!;
    public CallRecordingServer Server { get; private set; } = null!;
    public AppProcess A { get; private set; } = null!;
    public AppProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (PostgresTestDatabase.AdminConnectionString is null) return;
        Database = await PostgresTestDatabase.CreateAsync();
        Server = await CallRecordingServer.StartAsync();
        // One after another: the first creates the schema and the admin, the other finds them.
        A = await StartAsync("a");
        B = await StartAsync("b");
    }

    /// <summary>Another instance on the same database (the caller disposes it).</summary>
    public Task<AppProcess> StartAsync(string name)
    {
        var settings = Database.AppSettings();
        settings["ProcessStudio:Engine:RunLeaseDuration"] = Lease.ToString();
        foreach (var (key, value) in _settings) settings[key] = value;
        return AppProcess.StartAsync(Path.Combine(_folders.Path, name), settings);
    }

    /// <summary>The instance that holds the run's lease, once one does.</summary>
    public async Task<AppProcess> DriverAsync(Guid executionId, params AppProcess[] instances)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            foreach (var instance in instances)
                if (await Database.ScalarAsync($"SELECT COUNT(*) FROM \"Leases\" WHERE \"Kind\" = 'run' AND \"Key\" = '{executionId}' " +
                                               $"AND \"Owner\" LIKE '%:{instance.ProcessId}:%'") == 1)
                    return instance;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No instance took execution {executionId}.");
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.DisposeAsync();
        if (B is not null) await B.DisposeAsync();
        if (Server is not null) await Server.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
        _folders.Dispose();
    }
}
