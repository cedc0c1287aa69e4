namespace ProcessStudio.Engine.Cluster;

/// <summary>
/// Short messages between the instances that share one database: "this run moved", "this webhook path changed".
/// Delivery is best effort while connected and in order per sender; after a lost connection every handler is asked to
/// resync from the store, so a receiver never relies on having seen every message.
/// </summary>
public interface IClusterChannel
{
    /// <summary>False when this instance is alone on its database (SQLite, memory): there is nobody to tell.</summary>
    bool IsShared { get; }

    /// <summary>This instance's name on the channel; messages carry it as <see cref="ClusterMessage.Sender"/>.</summary>
    string InstanceId { get; }

    /// <summary>Sends the messages, in order, to every other instance. This instance never receives its own.</summary>
    Task PublishAsync(string topic, IReadOnlyList<string> messages, CancellationToken cancellationToken);

    /// <summary>Hands the topic's messages from other instances to <paramref name="handler"/>, one at a time, in arrival order.</summary>
    IDisposable Subscribe(string topic, IClusterTopicHandler handler);
}

/// <summary>A message another instance sent.</summary>
public sealed record ClusterMessage(string Sender, string Body);

public interface IClusterTopicHandler
{
    Task OnMessageAsync(ClusterMessage message, CancellationToken cancellationToken);

    /// <summary>The channel was disconnected and is back: messages sent meanwhile were missed, so reload from the store.</summary>
    Task ResyncAsync(CancellationToken cancellationToken);
}

/// <summary>The channel of an instance alone on its database: publishing goes nowhere and nothing ever arrives.</summary>
public sealed class SingleInstanceChannel : IClusterChannel
{
    public static readonly SingleInstanceChannel Instance = new();

    private SingleInstanceChannel() { }

    public bool IsShared => false;

    public string InstanceId => "local";

    public Task PublishAsync(string topic, IReadOnlyList<string> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    public IDisposable Subscribe(string topic, IClusterTopicHandler handler) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();
        public void Dispose() { }
    }
}
