using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProcessStudio.Data.Postgres;
using ProcessStudio.Engine.Cluster;

namespace ProcessStudio.Data.Cluster;

/// <summary>
/// The cluster channel on PostgreSQL's LISTEN/NOTIFY. Each instance keeps one dedicated connection that LISTENs (named
/// in pg_stat_activity as <see cref="ListenerApplicationName"/>); publishing uses the pool. A lost listener connection
/// is reopened with a growing pause, and every handler then resyncs from the store, since NOTIFYs sent meanwhile are
/// gone. Bodies over <see cref="InlineBytes"/> go to the ClusterMessages table and only their id is notified.
/// </summary>
public sealed class PostgresClusterChannel(PostgresDatabase database, TimeProvider clock, ILogger<PostgresClusterChannel> logger)
    : BackgroundService, IClusterChannel
{
    public const string PgChannel = "processstudio_cluster";
    public const string ListenerApplicationName = "ProcessStudio cluster listener";

    /// <summary>NOTIFY takes at most 8000 bytes; the envelope's topic and sender fit in the rest.</summary>
    internal const int InlineBytes = 7_600;

    private static readonly TimeSpan StoredMessageLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, ImmutableHandlers> _handlers = new(StringComparer.Ordinal);
    private readonly Channel<Inbound> _inbox = Channel.CreateUnbounded<Inbound>(new UnboundedChannelOptions { SingleReader = true });
    private NpgsqlConnection? _firstConnection;

    public bool IsShared => true;

    public string InstanceId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>How many times the listener connection was reopened after a loss; for operations and tests.</summary>
    public int Reconnects { get; private set; }

    public IDisposable Subscribe(string topic, IClusterTopicHandler handler)
    {
        _handlers.AddOrUpdate(topic, _ => new([handler]), (_, list) => new([.. list.Items, handler]));
        return new Unsubscriber(() => _handlers.AddOrUpdate(topic, _ => new([]), (_, list) => new([.. list.Items.Where(h => h != handler)])));
    }

    public async Task PublishAsync(string topic, IReadOnlyList<string> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return;
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var message in messages)
        {
            var body = Encoding.UTF8.GetByteCount(message) <= InlineBytes ? "i" + message : "r" + await StoreAsync(connection, message, cancellationToken);
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pg_notify($1, $2)")
            {
                Parameters = { new() { Value = PgChannel }, new() { Value = $"{topic}\n{InstanceId}\n{body}" } },
            });
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> StoreAsync(NpgsqlConnection connection, string body, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var command = new NpgsqlCommand(
            """
            DELETE FROM "ClusterMessages" WHERE "CreatedAt" < $1;
            INSERT INTO "ClusterMessages" ("Body", "CreatedAt") VALUES ($2, $3) RETURNING "Id";
            """, connection);
        command.Parameters.Add(new() { Value = (now - StoredMessageLifetime).ToUnixTimeMilliseconds() });
        command.Parameters.Add(new() { Value = body });
        command.Parameters.Add(new() { Value = now.ToUnixTimeMilliseconds() });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Listens before the host finishes starting, so a save made elsewhere right after start-up is heard.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _firstConnection = await ListenAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            logger.LogWarning(ex, "The cluster listener could not connect at start-up; retrying in the background");
        }
        await base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenLoopAsync(stoppingToken), DispatchLoopAsync(stoppingToken));

    private async Task ListenLoopAsync(CancellationToken stoppingToken)
    {
        var pause = FirstRetry;
        var connection = _firstConnection;
        var resync = connection is null;   // nothing heard since start-up: handlers loaded from the store then
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                connection ??= await ListenAsync(stoppingToken);
                if (resync) _inbox.Writer.TryWrite(Inbound.Resync);   // after LISTEN, so nothing falls between
                pause = FirstRetry;
                while (true) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The cluster listener connection was lost; reconnecting in {Pause}", pause);
                Reconnects++;
                await CloseAsync(connection);
                connection = null;
                resync = true;
                try
                {
                    await Task.Delay(pause, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LastRetry.Ticks));
            }
        }
        await CloseAsync(connection);
        _inbox.Writer.TryComplete();
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString)
        {
            Pooling = false, KeepAlive = 15, ApplicationName = $"{ListenerApplicationName} {InstanceId}",
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            connection.Notification += (_, e) => _inbox.Writer.TryWrite(Inbound.Parse(e.Payload));
            await using var listen = new NpgsqlCommand($"LISTEN {PgChannel}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>One task hands messages to handlers in arrival order, so the listener keeps reading while handlers read the store.</summary>
    private async Task DispatchLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var inbound in _inbox.Reader.ReadAllAsync(stoppingToken))
            {
                if (inbound.Sender == InstanceId) continue;   // our own echo
                try
                {
                    await DispatchAsync(inbound, stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(ex, "A cluster message on {Topic} from {Sender} could not be handled", inbound.Topic, inbound.Sender);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // host stopping
        }
    }

    private async Task DispatchAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(inbound, Inbound.Resync))
        {
            foreach (var handler in _handlers.Values.SelectMany(h => h.Items)) await handler.ResyncAsync(cancellationToken);
            return;
        }
        if (inbound.Topic is null || !_handlers.TryGetValue(inbound.Topic, out var handlers) || handlers.Items.Length == 0) return;
        var body = inbound.StoredId is { } id ? await LoadStoredAsync(id, cancellationToken) : inbound.Body;
        if (body is null)
        {
            logger.LogWarning("A stored cluster message {MessageId} from {Sender} was already deleted; resyncing {Topic}", inbound.StoredId, inbound.Sender, inbound.Topic);
            foreach (var handler in handlers.Items) await handler.ResyncAsync(cancellationToken);
            return;
        }
        var message = new ClusterMessage(inbound.Sender!, body);
        foreach (var handler in handlers.Items) await handler.OnMessageAsync(message, cancellationToken);
    }

    private async Task<string?> LoadStoredAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""SELECT "Body" FROM "ClusterMessages" WHERE "Id" = $1""", connection);
        command.Parameters.Add(new() { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task CloseAsync(NpgsqlConnection? connection)
    {
        if (connection is null) return;
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception)
        {
            // the connection is already broken; nothing more to release
        }
    }

    private sealed record ImmutableHandlers(IClusterTopicHandler[] Items);

    private sealed class Unsubscriber(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }

    /// <summary>A notification as received: "topic\nsender\n" then "i" and the body, or "r" and a ClusterMessages id.</summary>
    private sealed record Inbound(string? Topic, string? Sender, string Body, long? StoredId)
    {
        public static readonly Inbound Resync = new(null, null, "", null);

        public static Inbound Parse(string payload)
        {
            var parts = payload.Split('\n', 3);
            if (parts.Length < 3 || parts[2].Length == 0) return new(null, null, "", null);
            var body = parts[2][1..];
            return parts[2][0] == 'r' && long.TryParse(body, out var id) ? new(parts[0], parts[1], "", id) : new(parts[0], parts[1], body, null);
        }
    }
}
