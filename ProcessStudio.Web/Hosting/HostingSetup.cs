using Microsoft.Extensions.Options;
using ProcessStudio.Data.Migrations;
using ProcessStudio.Engine.Execution;

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
            .Validate(o => o.Engine.RetryDelayScale >= 0, "ProcessStudio:Engine:RetryDelayScale cannot be negative.")
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

    /// <summary>Upgrades the database schema, seeds the samples on first start and continues runs a crash left running.</summary>
    public static async Task InitializeProcessStudioAsync(this WebApplication app, CancellationToken cancellationToken)
    {
        var services = app.Services;
        await services.GetRequiredService<IDatabaseInitializer>().MigrateAsync(cancellationToken);
        if (services.GetRequiredService<IOptions<ProcessStudioOptions>>().Value.SeedSamples)
            await services.GetRequiredService<SampleSeeder>().SeedAsync(cancellationToken);

        var recovered = await services.GetRequiredService<IWorkflowEngine>().RecoverAsync(cancellationToken);
        if (recovered > 0)
            app.Logger.LogInformation("Recovered {Count} interrupted executions", recovered);

        app.AnnounceAddressesOnStart();
    }
}
