using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Data.Cluster;
using ProcessStudio.Engine.Execution.Workers;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>Two in-process app instances, A and B, on one fresh PostgreSQL database: the smallest cluster.</summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly TempFolder _folders = new();
    private readonly Action<IServiceCollection>? _testServices;

    private TwoInstances(PostgresTestDatabase database, Action<IServiceCollection>? testServices)
    {
        Database = database;
        _testServices = testServices;
    }

    public PostgresTestDatabase Database { get; }
    public AppFactory A { get; private set; } = null!;
    public AppFactory B { get; private set; } = null!;
    public ApiClient ApiA { get; private set; } = null!;
    public ApiClient ApiB { get; private set; } = null!;

    /// <param name="testServices">Applied to both instances' services (see <see cref="AppFactory"/>).</param>
    public static async Task<TwoInstances> StartAsync(Action<IServiceCollection>? testServices = null)
    {
        var cluster = new TwoInstances(await PostgresTestDatabase.CreateAsync(), testServices);
        cluster.A = cluster.Instance("a");
        cluster.ApiA = new ApiClient(cluster.A.CreateClient());   // A migrates the schema first
        cluster.B = cluster.Instance("b");
        cluster.ApiB = new ApiClient(cluster.B.CreateClient());
        return cluster;
    }

    private AppFactory Instance(string name) =>
        new(Path.Combine(_folders.Path, name), Database.AppSettings().ToDictionary(p => p.Key, p => (string?)p.Value), _testServices);

    /// <summary>The instance that holds the run's lease, once one does.</summary>
    public async Task<AppFactory> DriverAsync(Guid executionId, TimeSpan maxWait)
    {
        var deadline = DateTime.UtcNow + maxWait;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var app in new[] { A, B })
                if (await Database.ScalarAsync($"SELECT COUNT(*) FROM \"Leases\" WHERE \"Kind\" = 'run' AND \"Key\" = '{executionId}' " +
                                               $"AND \"Owner\" = '{app.Services.GetRequiredService<RunLeases>().Owner}'") == 1)
                    return app;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No instance took execution {executionId}.");
    }

    /// <summary>Kills <paramref name="app"/>'s LISTEN connection on the server and waits until it listens again.</summary>
    public async Task KillListenerAsync(AppFactory app, TimeSpan maxWait)
    {
        var channel = app.Services.GetRequiredService<PostgresClusterChannel>();
        var name = $"{PostgresClusterChannel.ListenerApplicationName} {channel.InstanceId}";
        var reconnects = channel.Reconnects;
        var killed = await Database.ScalarAsync(
            $"SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{name}'");
        killed.Should().Be(1, "the instance keeps exactly one listening connection");
        var deadline = DateTime.UtcNow + maxWait;
        while (channel.Reconnects == reconnects
               || await Database.ScalarAsync($"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '{name}' AND query LIKE 'LISTEN%'") != 1)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The listener did not reconnect.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Database.DisposeAsync();
        _folders.Dispose();
    }
}
