using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Settings.Configuration;

namespace ProcessStudio.Web.Hosting;

/// <summary>
/// Makes Serilog the only logging pipeline. Sinks, levels and output templates come from the "Serilog" section;
/// relative file sink paths are placed inside the data folder. The logger is built when the container first needs it,
/// so configuration added late (tests, command line) is honoured.
/// </summary>
internal static class SerilogSetup
{
    private const string WriteToSection = "Serilog:WriteTo";

    public static void AddSerilogPipeline(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        // Serilog's own minimum levels decide what is written.
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<ILoggerProvider>(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var dataFolder = services.GetRequiredService<DataFolder>();
            var logger = new LoggerConfiguration()
                .ReadFrom.Configuration(WithFileSinksIn(configuration, dataFolder.Path), ReaderOptions())
                .Enrich.FromLogContext()
                .CreateLogger();
            return new SerilogLoggerProvider(logger, dispose: true);
        });
    }

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
