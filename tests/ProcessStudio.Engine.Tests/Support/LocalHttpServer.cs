using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>A real HTTP server on 127.0.0.1 and a free port. Each path answers with a scripted sequence of responses.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Reply>> _scripts = new();
    private readonly ConcurrentDictionary<string, Reply> _fallbacks = new();
    private readonly ConcurrentDictionary<string, int> _hits = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public sealed record Reply(int Status, string Body = "", string ContentType = "application/json", TimeSpan Delay = default);

    /// <summary>A request as it arrived: path, headers and the raw body.</summary>
    public sealed record Received(string Path, System.Collections.Specialized.NameValueCollection Headers, byte[] Body);

    private readonly ConcurrentQueue<Received> _received = new();

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<Received> Requests(string path) => [.. _received.Where(r => r.Path == path)];

    public LocalHttpServer()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";
    public int Hits(string path) => _hits.GetValueOrDefault(path);

    /// <summary>Answers the next requests to <paramref name="path"/> in order; after the script, the last reply repeats.</summary>
    public LocalHttpServer Script(string path, params Reply[] replies)
    {
        _scripts[path] = new ConcurrentQueue<Reply>(replies);
        _fallbacks[path] = replies[^1];
        return this;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        using (var body = new MemoryStream())
        {
            await context.Request.InputStream.CopyToAsync(body);
            _received.Enqueue(new Received(path, context.Request.Headers, body.ToArray()));
        }
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var reply = _scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next) ? next
            : _fallbacks.GetValueOrDefault(path, new Reply(404, "{\"error\":\"not scripted\"}"));
        try
        {
            if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stop.Token);
            var body = reply.Body.Replace("$query", context.Request.Url.Query);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = reply.ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            // the client gave up (timeout test) or the server is stopping
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
        try { await _loop; } catch (Exception) { }
    }
}
