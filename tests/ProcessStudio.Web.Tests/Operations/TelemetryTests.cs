using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ProcessStudio.Web.Tests.Support;

namespace ProcessStudio.Web.Tests.Operations;

/// <summary>OpenTelemetry traces and metrics, seen through in-memory exporters next to the OTLP ones the setting turns on.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_run_has_a_span_with_a_child_span_per_node_attempt_carrying_execution_and_node_ids()
    {
        using var folder = new TempFolder();
        await using var http = await CountingHttpServer.StartAsync();
        var spans = new List<Activity>();
        await using var app = Traced(folder.Path, spans, []);
        var api = new ApiClient(app.CreateClient());
        var workflowId = await api.CreateWorkflowAsync(TestWorkflows.HttpSteps([$"{http.BaseUrl}/traced"], "Traced"));

        var executionId = await api.StartAsync(workflowId);
        await api.WaitForStatusAsync(executionId, "completed", "failed");
        var run = await WaitForSpanAsync(spans, s => s.OperationName == "workflow.run" && Tag(s, "execution.id") == executionId.ToString());

        Tag(run, "workflow.id").Should().Be(workflowId.ToString());
        Tag(run, "execution.status").Should().Be("completed");
        var attempts = Snapshot(spans).Where(s => s.OperationName == "node.attempt" && s.ParentSpanId == run.SpanId).ToList();
        attempts.Select(s => Tag(s, "node.id")).Should().BeEquivalentTo("start", "step1");
        attempts.Should().OnlyContain(s => Tag(s, "execution.id") == executionId.ToString() && Tag(s, "node.attempt") == "1");
        var request = attempts.Single(s => Tag(s, "node.id") == "step1");
        Tag(request, "node.type").Should().Be("http-request");
        Snapshot(spans).Should().Contain(s => s.Kind == ActivityKind.Client && s.ParentSpanId == request.SpanId,
            "the HTTP client span of the node's request is a child of its attempt");
        Snapshot(spans).Should().Contain(s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST /api/v1/executions"),
            "ASP.NET Core spans are recorded too");
    }

    [Fact]
    public async Task The_engine_meter_and_the_request_metrics_are_exported()
    {
        using var folder = new TempFolder();
        var metrics = new List<Metric>();
        await using var app = Traced(folder.Path, [], metrics);
        var api = new ApiClient(app.CreateClient());
        var executionId = await api.StartAsync(await api.CreateWorkflowAsync(TestWorkflows.Hello("Measured")));
        await api.WaitForStatusAsync(executionId, "completed", "failed");

        // Collects into every reader; the answer is false only because the OTLP export to the closed port fails.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        metrics.Select(m => m.Name).Should().Contain(["processstudio.executions.started", "processstudio.executions.completed",
            "processstudio.node.duration", "http.server.request.duration"]);
    }

    [Fact]
    public async Task Without_an_endpoint_telemetry_is_off()
    {
        using var folder = new TempFolder();
        await using var app = new AppFactory(folder.Path);

        app.Services.GetService<TracerProvider>().Should().BeNull();
        app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>().Should().BeNull();
    }

    /// <summary>The app with an OTLP endpoint nothing listens on (export fails quietly) and in-memory exporters beside it.</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Traced(string folder, List<Activity> spans, List<Metric> metrics) =>
        new AppFactory(folder, new Dictionary<string, string?>
        {
            ["ProcessStudio:SeedSamples"] = "false",
            ["ProcessStudio:Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{SmtpSink.ClosedPort()}",
        }).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        }));

    private static async Task<Activity> WaitForSpanAsync(List<Activity> spans, Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (Snapshot(spans).FirstOrDefault(match) is { } span) return span;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The span was not exported.");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The exporter appends from the threads that end spans: a copy (which never throws for a List) may catch an
    /// append half-done, so an empty slot is skipped; polling reads again.
    /// </summary>
    private static List<Activity> Snapshot(List<Activity> spans) => [.. spans.ToArray().Where(s => s is not null)];

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();
}
