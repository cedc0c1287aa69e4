using Serilog;
using Serilog.Events;
using Serilog.Settings.Configuration;
using ProcessStudio.Web.Security;

namespace ProcessStudio.Web.Hosting;

/// <summary>
/// Makes Serilog the only logging pipeline (Serilog.AspNetCore). Sinks, levels and output templates come from the
/// "Serilog" section; relative file sink paths are placed inside the data folder. The logger is built when the container
/// first needs it, so configuration added late (tests, command line) is honoured.
/// </summary>
internal static class SerilogSetup
{
    private const string WriteToSection = "Serilog:WriteTo";

    // preserveStaticLogger: each host keeps its own logger instead of replacing the process-wide Log.Logger, so
    // several hosts in one process (the tests) each write to their own data folder.
    public static void AddSerilogPipeline(this WebApplicationBuilder builder) =>
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(WithFileSinksIn(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<DataFolder>().Path), ReaderOptions())
            .Enrich.FromLogContext(), preserveStaticLogger: true);

    /// <summary>One line per HTTP request, written when it completes: method, path, status, elapsed time and who asked.</summary>
    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();   // this host's logger, not the static one
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for {User}";
            options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("User", ActorClaims.ActorName(context.User));
            options.GetLevel = RequestLevel;
        });
        return app;
    }

    /// <summary>
    /// Failures as errors; static files (a path with an extension) and health probes only at Debug, so pages and a
    /// probe every few seconds do not flood the log.
    /// </summary>
    private static LogEventLevel RequestLevel(HttpContext context, double elapsedMs, Exception? error) =>
        error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
        : Path.HasExtension(context.Request.Path.Value) || context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Debug
        : LogEventLevel.Information;

    private static ConfigurationReaderOptions ReaderOptions() => new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly,
        typeof(FileLoggerConfigurationExtensions).Assembly,
        typeof(LoggerConfigurationAsyncExtensions).Assembly);

    /// <summary>Overlays the configuration so that every relative sink "path" points into the data folder.</summary>
    private static IConfiguration WithFileSinksIn(IConfiguration configuration, string dataFolder)
    {
        var rebased = configuration.GetSection(WriteToSection).AsEnumerable()
            .Where(pair => pair.Key.EndsWith(":path", StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(pair.Value) && !Path.IsPathRooted(pair.Value))
            .ToDictionary(pair => pair.Key, pair => (string?)Path.Combine(dataFolder, pair.Value!));
        return new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(rebased).Build();
    }
}
