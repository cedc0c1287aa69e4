using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProcessStudio.Engine.Execution.Telemetry;

namespace ProcessStudio.Web.Operations;

/// <summary>
/// OpenTelemetry, on only when <c>ProcessStudio:Telemetry:OtlpEndpoint</c> is set: the engine's spans (a run, each node
/// attempt) with ASP.NET Core and HTTP client spans, and the engine's meter with ASP.NET Core and HTTP client metrics,
/// all exported over OTLP. Unset, nothing listens and the engine's spans cost one null check each.
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointKey = "ProcessStudio:Telemetry:OtlpEndpoint";
    private const string ServiceName = "ProcessStudio";

    public static IServiceCollection AddProcessStudioTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[EndpointKey] is not { Length: > 0 } endpoint) return services;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp))
            throw new InvalidOperationException($"{EndpointKey} must be an absolute URL such as http://127.0.0.1:4317; it is '{endpoint}'.");

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(EngineTracing.SourceName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = otlp))
            .WithMetrics(metrics => metrics
                .AddMeter(EngineMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = otlp));
        return services;
    }
}
