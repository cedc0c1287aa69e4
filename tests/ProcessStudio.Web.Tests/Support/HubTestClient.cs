using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>
/// The .NET SignalR client (Microsoft.AspNetCore.SignalR.Client) on /hubs/executions of the in-memory test server,
/// over WebSockets, collecting the server's calls in order. Negotiate carries the API key as a bearer token and the
/// WebSocket request as the <c>access_token</c> query parameter, the two places real SignalR clients put it.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private static readonly string[] ServerMethods = ["executionUpdate", "nodeUpdate", "log"];
    private readonly HubConnection _connection;
    private readonly Channel<HubCall> _calls = Channel.CreateUnbounded<HubCall>();

    private HubTestClient(HubConnection connection) => _connection = connection;

    /// <summary>A call the server made on this client, e.g. ("nodeUpdate", {...}).</summary>
    public sealed record HubCall(string Method, JsonObject Payload);

    /// <summary>Connects with <paramref name="apiKey"/> (none: anonymous); a refused key fails with the negotiate's 401.</summary>
    public static async Task<HubTestClient> ConnectAsync(TestServer server, string? apiKey, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/executions"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult(apiKey);
                options.WebSocketFactory = async (context, token) =>
                    await server.CreateWebSocketClient().ConnectAsync(WithAccessToken(context.Uri, apiKey), token);
            })
            .Build();
        var client = new HubTestClient(connection);
        foreach (var method in ServerMethods)
            connection.On<JsonObject>(method, payload => client._calls.Writer.TryWrite(new HubCall(method, payload)));
        connection.Closed += _ =>
        {
            client._calls.Writer.TryComplete();
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return client;
    }

    /// <summary>Invokes a hub method and returns its result; a hub error surfaces as a <see cref="Microsoft.AspNetCore.SignalR.HubException"/>.</summary>
    public async Task<JsonNode?> InvokeAsync(string method, params object[] arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _connection.InvokeCoreAsync<JsonNode?>(method, arguments, timeout.Token);
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

    private static Uri WithAccessToken(Uri uri, string? apiKey) =>
        apiKey is null ? uri : new UriBuilder(uri) { Query = $"{uri.Query.TrimStart('?')}&access_token={Uri.EscapeDataString(apiKey)}" }.Uri;

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
