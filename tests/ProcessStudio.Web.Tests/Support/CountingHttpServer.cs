using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random free port) that counts requests per path. GET /{name}?delayMs=n answers
/// 200 with <c>{"name": ..., "hit": n}</c> after the delay; the hit is counted when the request arrives.
/// GET /redirect?to=url answers 302 to that URL. POST /{name} is recorded with its headers and body and answers 200.
/// </summary>
public sealed class CountingHttpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly ConcurrentQueue<Posted> _posts = new();

    /// <summary>A POST as it arrived.</summary>
    public sealed record Posted(string Name, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public IReadOnlyList<Posted> Posts(string name) => [.. _posts.Where(p => p.Name == name)];
    private readonly WebApplication _app;

    private CountingHttpServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<CountingHttpServer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var server = new CountingHttpServer(app);
        app.MapGet("/{name}", async (string name, int? delayMs, CancellationToken ct) =>
        {
            var hit = server._hits.AddOrUpdate(name, 1, (_, n) => n + 1);
            if (delayMs is > 0)
                await Task.Delay(delayMs.Value, ct);
            return Results.Json(new { name, hit });
        });
        app.MapPost("/{name}", async (string name, HttpRequest request, CancellationToken ct) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, ct);
            server._posts.Enqueue(new Posted(name, request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray()));
            server._hits.AddOrUpdate(name, 1, (_, n) => n + 1);
            return Results.Ok();
        });
        app.MapGet("/redirect", (string to) =>
        {
            server._hits.AddOrUpdate("redirect", 1, (_, n) => n + 1);
            return Results.Redirect(to);
        });
        server.BaseUrl = await LoopbackApp.StartAsync(app);
        return server;
    }

    public int Hits(string name) => _hits.GetValueOrDefault(name);

    public string Url(string name, int delayMs = 0) => $"{BaseUrl}/{name}" + (delayMs > 0 ? $"?delayMs={delayMs}" : "");

    public string RedirectUrl(string target) => $"{BaseUrl}/redirect?to={Uri.EscapeDataString(target)}";

    public ValueTask DisposeAsync() => LoopbackApp.StopAsync(_app);
}
