using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.TestHost;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a WebSocket to the in-memory test server (the .NET
/// SignalR client is not on our feed). Handles the handshake, invocations with results, and server-to-client calls.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly WebSocket _socket;
    private readonly Channel<HubCall> _calls = Channel.CreateUnbounded<HubCall>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode?>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly StringBuilder _partial = new();
    private Task _reading = Task.CompletedTask;
    private int _nextInvocationId;

    private HubTestClient(WebSocket socket) => _socket = socket;

    /// <summary>A call the server made on this client, e.g. ("nodeUpdate", {...}).</summary>
    public sealed record HubCall(string Method, JsonObject Payload);

    /// <summary>Connects to <paramref name="path"/>, which carries the credentials (an <c>access_token</c> query parameter, as browser clients send on /hubs).</summary>
    public static async Task<HubTestClient> ConnectAsync(TestServer server, string path, CancellationToken cancellationToken)
    {
        var socket = await server.CreateWebSocketClient().ConnectAsync(new Uri($"ws://localhost{path}"), cancellationToken);
        var client = new HubTestClient(socket);
        await client.SendAsync(new JsonObject { ["protocol"] = "json", ["version"] = 1 }, cancellationToken);
        var handshake = (await client.ReceiveRecordsAsync(cancellationToken)).Single();
        if (JsonNode.Parse(handshake)?["error"] is { } error) throw new InvalidOperationException($"Handshake refused: {error}");
        client._reading = Task.Run(() => client.ReadLoopAsync(client._closing.Token));
        return client;
    }

    /// <summary>Invokes a hub method and returns its result; a hub error surfaces as <see cref="HubErrorException"/>.</summary>
    public async Task<JsonNode?> InvokeAsync(string method, params object[] arguments)
    {
        var id = Interlocked.Increment(ref _nextInvocationId).ToString();
        var completion = _pending[id] = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await SendAsync(new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = method,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments),
        }, _closing.Token);
        return await completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Server calls received so far and from now on, in order, until <paramref name="last"/> matches one.</summary>
    public async Task<List<HubCall>> CollectUntilAsync(Func<HubCall, bool> last, CancellationToken cancellationToken)
    {
        var calls = new List<HubCall>();
        await foreach (var call in _calls.Reader.ReadAllAsync(cancellationToken))
        {
            calls.Add(call);
            if (last(call)) return calls;
        }
        throw new InvalidOperationException($"The connection closed after {calls.Count} calls without the expected one.");
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                foreach (var record in await ReceiveRecordsAsync(cancellationToken))
                    Dispatch(JsonNode.Parse(record)!.AsObject());
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or InvalidOperationException) { }
        finally
        {
            _calls.Writer.TryComplete();
        }
    }

    private void Dispatch(JsonObject message)
    {
        switch (message["type"]!.GetValue<int>())
        {
            case 1:
                _calls.Writer.TryWrite(new HubCall(message["target"]!.GetValue<string>(), message["arguments"]![0]!.AsObject()));
                break;
            case 3 when _pending.TryRemove(message["invocationId"]!.GetValue<string>(), out var completion):
                if (message["error"] is { } error) completion.SetException(new HubErrorException(error.GetValue<string>()));
                else completion.SetResult(message["result"]?.DeepClone());
                break;
            case 7:
                _calls.Writer.TryComplete();
                break;
        }
    }

    private async Task<List<string>> ReceiveRecordsAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The server closed the connection.");
            _partial.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (!result.EndOfMessage) continue;
            var text = _partial.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end < 0) continue;
            _partial.Clear().Append(text[(end + 1)..]);
            return [.. text[..end].Split(RecordSeparator)];
        }
    }

    private Task SendAsync(JsonObject message, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString() + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        await _reading;
        _socket.Abort();
        _socket.Dispose();
        _closing.Dispose();
    }
}

public sealed class HubErrorException(string message) : Exception(message);
