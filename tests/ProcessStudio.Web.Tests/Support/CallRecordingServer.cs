using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 that records every call of GET /call?run=id&amp;delayMs=n: which run called, when the
/// call arrived and when it was answered (after the delay). Two calls of one run that overlap in time mean that run's
/// node executed on two instances at once.
/// </summary>
public sealed class CallRecordingServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly WebApplication _app;

    private CallRecordingServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<Call> Calls => [.. _calls];

    public static async Task<CallRecordingServer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var server = new CallRecordingServer(app);
        app.MapGet("/call", async (string run, int? delayMs, CancellationToken ct) =>
        {
            var arrived = DateTimeOffset.UtcNow;
            try
            {
                if (delayMs is > 0)
                    await Task.Delay(delayMs.Value, ct);
                return Results.Json(new { run });
            }
            finally
            {
                // Also when the caller went away mid-call (a killed instance): that call still ran until then.
                server._calls.Enqueue(new Call(run, arrived, DateTimeOffset.UtcNow));
            }
        });
        server.BaseUrl = await LoopbackApp.StartAsync(app);
        return server;
    }

    public ValueTask DisposeAsync() => LoopbackApp.StopAsync(_app);

    public sealed record Call(string Run, DateTimeOffset Arrived, DateTimeOffset Answered);
}
