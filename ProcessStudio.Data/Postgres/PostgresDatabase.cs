using Npgsql;
using ProcessStudio.Data.Retention;

namespace ProcessStudio.Data.Postgres;

/// <summary>The shared PostgreSQL database: one pooled data source for EF Core and for the raw hot-path SQL.</summary>
public sealed class PostgresDatabase : IDatabaseSpace, IAsyncDisposable, IDisposable
{
    public PostgresDatabase(string connectionString)
    {
        ConnectionString = connectionString;
        DataSource = new NpgsqlDataSourceBuilder(connectionString).Build();
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>As configured, password included (the data source's own copy drops it): for the cluster listener's dedicated connection.</summary>
    public string ConnectionString { get; }

    public ValueTask<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken) => DataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>Autovacuum reuses the space of deleted rows; there is nothing to hand back by hand.</summary>
    public Task<long> ReclaimFreePagesAsync(CancellationToken cancellationToken) => Task.FromResult(0L);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
