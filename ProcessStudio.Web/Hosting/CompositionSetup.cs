using Microsoft.Extensions.Options;
using ProcessStudio.Data;

namespace ProcessStudio.Web.Hosting;

/// <summary>Registers the store and the engine, and feeds them the "ProcessStudio" options.</summary>
internal static class CompositionSetup
{
    public static void AddProcessStudioComposition(this IServiceCollection services)
    {
        services.AddProcessStudioData();
        services.AddOptions<DataOptions>().Configure<IOptions<ProcessStudioOptions>, DataFolder>((data, options, folder) =>
        {
            data.DataFolder = folder.Path;
            data.DatabaseFileName = options.Value.DatabaseFileName;
            data.Retention.Enabled = options.Value.Retention.Enabled;
            data.Retention.MaxAge = options.Value.Retention.MaxAge;
            data.Retention.Interval = options.Value.Retention.Interval;
        });
    }
}
