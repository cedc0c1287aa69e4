using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ProcessStudio.Web.Ui.Live;

public static class LiveSetup
{
    /// <summary>The monitor's services: observers for runs and the per-circuit reconnect signal.</summary>
    public static IServiceCollection AddProcessStudioLive(this IServiceCollection services)
    {
        services.AddScoped<ExecutionSnapshotLoader>();
        services.AddScoped<ExecutionObserverFactory>();
        services.AddScoped<ChildRuns>();
        services.AddScoped<CircuitReconnects>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitReconnects>());
        return services;
    }
}
