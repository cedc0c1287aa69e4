using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProcessStudio.E2E.Infrastructure;

/// <summary>
/// A tiny HTTP server on 127.0.0.1 for HTTP Request node scenarios. Each mapped path counts its hits, can fail a
/// number of times before succeeding, and can delay its answer.
/// </summary>
public sealed class StubHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, StubEndpoint> _endpoints = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public StubHttpServer()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public Uri BaseAddress { get; }

    /// <summary>Maps <paramref name="path"/>; returns the full URL to put into an HTTP Request node.</summary>
    public string Map(string path, string responseJson = """{"ok":true}""", int failTimes = 0, int failStatus = 503, TimeSpan? delay = null)
    {
        var key = "/" + path.TrimStart('/');
        _endpoints[key] = new StubEndpoint(responseJson, failTimes, failStatus, delay ?? TimeSpan.Zero);
        return new Uri(BaseAddress, key).ToString();
    }

    public int Hits(string path) => _endpoints.TryGetValue("/" + path.TrimStart('/'), out var endpoint) ? endpoint.Hits : 0;

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stopping.IsCancellationRequested) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            if (!_endpoints.TryGetValue(context.Request.Url!.AbsolutePath, out var endpoint))
            {
                response.StatusCode = 404;
                return;
            }
            var hit = endpoint.RegisterHit();
            if (endpoint.Delay > TimeSpan.Zero) await Task.Delay(endpoint.Delay, _stopping.Token);
            var failing = hit <= endpoint.FailTimes;
            response.StatusCode = failing ? endpoint.FailStatus : 200;
            response.ContentType = "application/json";
            var body = Encoding.UTF8.GetBytes(failing ? $$"""{"error":"stub failure {{hit}} of {{endpoint.FailTimes}}"}""" : endpoint.ResponseJson);
            await response.OutputStream.WriteAsync(body, _stopping.Token);
        }
        catch (OperationCanceledException) { }
        finally
        {
            try { response.Close(); } catch (HttpListenerException) { }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _stopping.Dispose();
    }

    private sealed class StubEndpoint(string responseJson, int failTimes, int failStatus, TimeSpan delay)
    {
        private int _hits;
        public string ResponseJson { get; } = responseJson;
        public int FailTimes { get; } = failTimes;
        public int FailStatus { get; } = failStatus;
        public TimeSpan Delay { get; } = delay;
        public int Hits => Volatile.Read(ref _hits);
        public int RegisterHit() => Interlocked.Increment(ref _hits);
    }
}
