using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Idempotency;
using ProcessStudio.Data.Postgres;
using ProcessStudio.Data.Retention;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Scheduling;

namespace ProcessStudio.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores (<see cref="IWorkflowStore"/>, <see cref="IExecutionStore"/>, <see cref="IScheduleStore"/>), the schema migrator
    /// (<see cref="IDatabaseInitializer"/>, to run once at start-up), the retention service and a pooled
    /// <see cref="ProcessStudioDbContext"/> factory (plus a scoped context for EF health checks), on the database
    /// <see cref="DataOptions.Provider"/> names. Stores written with EF Core LINQ serve both providers; only the
    /// migrator, the run hot path and the idempotency claim have a class per provider.
    /// </summary>
    public static IServiceCollection AddProcessStudioData(this IServiceCollection services, Action<DataOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<DataOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || !string.IsNullOrWhiteSpace(o.DatabaseFileName),
                "Data:DatabaseFileName must be set when no Data:ConnectionString is given.")
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "The PostgreSQL provider needs a connection string (ConnectionStrings:ProcessStudio).")
            .Validate(o => o.BusyTimeout >= TimeSpan.Zero, "Data:BusyTimeout must not be negative.")
            .Validate(o => !o.Retention.Enabled || o.Retention.Interval > TimeSpan.Zero, "Data:Retention:Interval must be positive.");
        if (configure is not null)
            optionsBuilder.Configure(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DataOptions>>().Value;
            return new SqliteDatabase(options.ResolveConnectionString(), options.BusyTimeout);
        });
        services.TryAddSingleton(sp => new PostgresDatabase(sp.GetRequiredService<IOptions<DataOptions>>().Value.ConnectionString!));
        // On SQLite the one-writer gate; on PostgreSQL it only orders this process's EF Core writes, which are rare.
        services.TryAddSingleton<SqliteWriteGate>();
        services.AddPooledDbContextFactory<ProcessStudioDbContext>((sp, db) =>
        {
            if (IsPostgres(sp))
                db.UseNpgsql(sp.GetRequiredService<PostgresDatabase>().DataSource);
            else
            {
                var database = sp.GetRequiredService<SqliteDatabase>();
                db.UseSqlite(database.ConnectionString).AddInterceptors(new SqlitePragmaInterceptor(database));
            }
            db.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
        });
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<ProcessStudioDbContext>>().CreateDbContext());

        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<PostgresMigrator>();
        services.TryAddSingleton<SqliteWorkflowStore>();
        services.TryAddSingleton<SqliteExecutionStore>();
        services.TryAddSingleton<PostgresExecutionStore>();
        services.TryAddSingleton<SqliteConnectionStore>();
        services.TryAddSingleton<SqliteIdempotencyStore>();
        services.TryAddSingleton<PostgresIdempotencyStore>();
        services.TryAddSingleton<IDatabaseInitializer>(sp => ByProvider<IDatabaseInitializer, DatabaseMigrator, PostgresMigrator>(sp));
        services.TryAddSingleton<IExecutionStore>(sp => ByProvider<IExecutionStore, SqliteExecutionStore, PostgresExecutionStore>(sp));
        services.TryAddSingleton<IIdempotencyStore>(sp => ByProvider<IIdempotencyStore, SqliteIdempotencyStore, PostgresIdempotencyStore>(sp));
        services.TryAddSingleton<IDatabaseSpace>(sp => ByProvider<IDatabaseSpace, SqliteDatabase, PostgresDatabase>(sp));
        // One SQLite file has one instance, which drives every run itself; PostgreSQL instances share runs under leases.
        services.TryAddSingleton<PostgresRunLeaseStore>();
        services.TryAddSingleton<IRunLeaseStore>(sp => IsPostgres(sp) ? sp.GetRequiredService<PostgresRunLeaseStore>() : SingleInstanceLeases.Instance);
        services.TryAddSingleton<IRunCommandStore, Commands.RunCommandStore>();
        services.TryAddSingleton<IWorkflowStore>(sp => sp.GetRequiredService<SqliteWorkflowStore>());
        services.TryAddSingleton<IScheduleStore, SqliteScheduleStore>();
        services.TryAddSingleton<ILockStore, Locks.DbLockStore>();
        services.TryAddSingleton<Engine.Webhooks.IWebhookPathStore, Webhooks.DbWebhookPathStore>();
        services.TryAddSingleton<IOutboxStore, Outbox.SqliteOutboxStore>();   // run events are written by SqliteExecutionStore in their commit
        services.TryAddSingleton<Engine.Subscriptions.IEventSubscriptionStore, Subscriptions.SqliteEventSubscriptionStore>();
        // Instances on one PostgreSQL database tell each other about run events and webhook paths; alone, nobody listens.
        services.TryAddSingleton<Cluster.PostgresClusterChannel>();
        services.TryAddSingleton<Engine.Cluster.IClusterChannel>(sp => IsPostgres(sp)
            ? sp.GetRequiredService<Cluster.PostgresClusterChannel>()
            : Engine.Cluster.SingleInstanceChannel.Instance);
        services.AddHostedService<Cluster.ClusterListenerHost>();
        services.AddHostedService<ExecutionRetentionService>();
        return services;
    }

    private static bool IsPostgres(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DataOptions>>().Value.Provider == DatabaseProvider.Postgres;

    private static TService ByProvider<TService, TSqlite, TPostgres>(IServiceProvider services)
        where TSqlite : TService where TPostgres : TService where TService : notnull =>
        IsPostgres(services) ? services.GetRequiredService<TPostgres>() : services.GetRequiredService<TSqlite>();
}
