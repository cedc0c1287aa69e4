using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Data.Idempotency;
using ProcessStudio.Data.Retention;
using ProcessStudio.Data.Sqlite;
using ProcessStudio.Data.Stores;
using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Scheduling;

namespace ProcessStudio.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SQLite stores (<see cref="IWorkflowStore"/>, <see cref="IExecutionStore"/>, <see cref="IScheduleStore"/>), the schema migrator
    /// (<see cref="IDatabaseInitializer"/>, to run once at start-up), the retention service and a pooled
    /// <see cref="ProcessStudioDbContext"/> factory (plus a scoped context for EF health checks).
    /// </summary>
    public static IServiceCollection AddProcessStudioData(this IServiceCollection services, Action<DataOptions>? configure = null)
    {
        var optionsBuilder = services.AddOptions<DataOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString) || !string.IsNullOrWhiteSpace(o.DatabaseFileName),
                "Data:DatabaseFileName must be set when no Data:ConnectionString is given.")
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
        services.TryAddSingleton<SqliteWriteGate>();
        services.AddPooledDbContextFactory<ProcessStudioDbContext>((sp, db) =>
        {
            var database = sp.GetRequiredService<SqliteDatabase>();
            db.UseSqlite(database.ConnectionString)
                .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                .AddInterceptors(new SqlitePragmaInterceptor(database));
        });
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<ProcessStudioDbContext>>().CreateDbContext());

        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<IDatabaseInitializer>(sp => sp.GetRequiredService<DatabaseMigrator>());
        services.TryAddSingleton<SqliteWorkflowStore>();
        services.TryAddSingleton<SqliteExecutionStore>();
        services.TryAddSingleton<SqliteConnectionStore>();
        services.TryAddSingleton<IWorkflowStore>(sp => sp.GetRequiredService<SqliteWorkflowStore>());
        services.TryAddSingleton<IExecutionStore>(sp => sp.GetRequiredService<SqliteExecutionStore>());
        services.TryAddSingleton<IScheduleStore, SqliteScheduleStore>();
        services.TryAddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        services.TryAddSingleton<ILockStore, Locks.DbLockStore>();
        services.TryAddSingleton<IOutboxStore, Outbox.SqliteOutboxStore>();   // run events are written by SqliteExecutionStore in their commit
        services.TryAddSingleton<Engine.Subscriptions.IEventSubscriptionStore, Subscriptions.SqliteEventSubscriptionStore>();
        services.AddHostedService<ExecutionRetentionService>();
        return services;
    }
}
