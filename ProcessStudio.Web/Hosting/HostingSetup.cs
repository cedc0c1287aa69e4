using Microsoft.Extensions.Options;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Execution.Workers;
using ProcessStudio.Engine.Net;

namespace ProcessStudio.Web.Hosting;

public static class HostingSetup
{
    /// <summary>Options, data folder, listen address, Serilog, and the engine and store composition with their hosted services.</summary>
    public static WebApplicationBuilder AddProcessStudioHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProcessStudioOptions>()
            .Bind(builder.Configuration.GetSection(ProcessStudioOptions.SectionName))
            .Validate(o => o.MaxRequestBodyBytes > 0, "ProcessStudio:MaxRequestBodyBytes must be positive.")
            .Validate(o => o.Engine.MaxWorkers > 0, "ProcessStudio:Engine:MaxWorkers must be positive.")
            .Validate(o => o.Engine.MaxActivations > 0, "ProcessStudio:Engine:MaxActivations must be positive.")
            .Validate(o => o.Engine.MaxNodeOutputBytes > 0 && o.Engine.MaxRunInputBytes > 0 && o.Engine.MaxRunStateBytes > 0,
                "ProcessStudio:Engine:MaxNodeOutputBytes, MaxRunInputBytes and MaxRunStateBytes must be positive.")
            .Validate(o => o.Engine.RunLeaseDuration >= TimeSpan.FromSeconds(1), "ProcessStudio:Engine:RunLeaseDuration must be at least one second.")
            .Validate(o => o.Engine.RemoteCommands.PollInterval > TimeSpan.Zero && o.Engine.RemoteCommands.AnswerPollInterval > TimeSpan.Zero
                           && o.Engine.RemoteCommands.Timeout > TimeSpan.Zero,
                "ProcessStudio:Engine:RemoteCommands:PollInterval, AnswerPollInterval and Timeout must be positive.")
            .Validate(o => o.Engine.RetryDelayScale >= 0, "ProcessStudio:Engine:RetryDelayScale cannot be negative.")
            .Validate(o => !OutboundAddressPolicy.InvalidEntries(o.Engine.OutboundAddresses).Any(),
                "ProcessStudio:Engine:OutboundAddresses:Allow and Deny hold IP addresses or CIDR ranges such as 10.0.0.0/8.")
            .Validate(o => !o.Retention.Enabled || (o.Retention.MaxAge > TimeSpan.Zero && o.Retention.Interval > TimeSpan.Zero),
                "ProcessStudio:Retention:MaxAge and Interval must be positive when retention is enabled.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new DataFolder(
            services.GetRequiredService<IHostEnvironment>().ContentRootPath,
            services.GetRequiredService<IOptions<ProcessStudioOptions>>().Value));

        builder.UseDefaultListenAddress();
        builder.AddSerilogPipeline();
        builder.Services.AddProcessStudioComposition();
        builder.Services.AddSingleton<SampleSeeder>();
        return builder;
    }

    /// <summary>Upgrades the database schema and seeds the samples on first start. Touches no run.</summary>
    public static async Task PrepareProcessStudioAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var services = app.Services;
        await services.GetRequiredService<IDatabaseInitializer>().MigrateAsync(cancellationToken);
        if (services.GetRequiredService<IOptions<ProcessStudioOptions>>().Value.SeedSamples)
            await services.GetRequiredService<SampleSeeder>().SeedAsync(cancellationToken);
        app.AnnounceAddressesOnStart();
    }

    /// <summary>
    /// Called once the server listens: continues runs a crash left running, then lets the workers, the wake timer and
    /// the scheduler start. An instance whose port is taken fails before this and so never touches a run.
    /// </summary>
    public static async Task StartEngineAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var recovered = await app.Services.GetRequiredService<IWorkflowEngine>().RecoverAsync(cancellationToken);
        if (recovered > 0)
            app.Logger.LogInformation("Recovered {Count} interrupted executions", recovered);
        app.Services.GetRequiredService<EngineStartGate>().Open();
    }
}
