using Microsoft.Extensions.Options;
using ProcessStudio.Data;
using ProcessStudio.Engine;
using ProcessStudio.Engine.DependencyInjection;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Net;
using ProcessStudio.Engine.Scheduling;
using ProcessStudio.Web.Connections;

namespace ProcessStudio.Web.Hosting;

/// <summary>Registers the store (SQLite, or PostgreSQL when ProcessStudio:Database:Provider says so), the engine and the scheduler (with their hosted services) and the named connections, and feeds them the "ProcessStudio" options.</summary>
internal static class CompositionSetup
{
    public static void AddProcessStudioComposition(this IServiceCollection services)
    {
        services.AddProcessStudioData();
        services.AddOptions<DataOptions>().Configure<IOptions<ProcessStudioOptions>, DataFolder, IConfiguration>((data, options, folder, configuration) =>
        {
            data.Provider = options.Value.Database.Provider;
            data.ConnectionString = configuration.GetConnectionString(ProcessStudioOptions.ConnectionStringName);
            data.DataFolder = folder.Path;
            data.DatabaseFileName = options.Value.DatabaseFileName;
            data.Retention.Enabled = options.Value.Retention.Enabled;
            data.Retention.MaxAge = options.Value.Retention.MaxAge;
            data.Retention.Interval = options.Value.Retention.Interval;
        });

        services.AddSingleton<IOwnEndpoints, ServerEndpoints>();   // before the engine, which otherwise assumes no listener
        services.AddSingleton(new EngineStartGate(open: false));   // opened by StartEngineAsync once the port is bound
        services.AddProcessStudioEngine();
        services.AddProcessStudioConnections();
        services.AddOptions<EngineOptions>().Configure<IOptions<ProcessStudioOptions>, DataFolder>((engine, options, folder) =>
        {
            engine.MaxWorkers = options.Value.Engine.MaxWorkers;
            engine.DefaultMaxActivations = options.Value.Engine.MaxActivations;
            engine.RetryDelayScale = options.Value.Engine.RetryDelayScale;
            engine.MaxNodeOutputBytes = options.Value.Engine.MaxNodeOutputBytes;
            engine.MaxRunInputBytes = options.Value.Engine.MaxRunInputBytes;
            engine.MaxRunStateBytes = options.Value.Engine.MaxRunStateBytes;
            engine.OutboundAddresses = options.Value.Engine.OutboundAddresses;
            var files = options.Value.Engine.Files;
            engine.Files = new FileNodeOptions
            {
                Folder = Path.GetFullPath(files.Folder, folder.Path),   // relative to the data folder: data/files by default
                MaxReadBytes = files.MaxReadBytes,
                MaxWriteBytes = files.MaxWriteBytes,
            };
            engine.Outbox = options.Value.Engine.Outbox;
            engine.Code = options.Value.Engine.Code;
            engine.Sql = options.Value.Engine.Sql;
            engine.RunLeaseDuration = options.Value.Engine.RunLeaseDuration;
            engine.RemoteCommands = options.Value.Engine.RemoteCommands;
        });
        services.AddProcessStudioScheduling();   // after the stores: it wraps the workflow store to keep schedules in step
        services.AddOptions<SchedulingOptions>().BindConfiguration($"{ProcessStudioOptions.SectionName}:Scheduling");
    }
}
