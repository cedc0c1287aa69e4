using Microsoft.Extensions.Hosting;
using ProcessStudio.Engine.Cluster;

namespace ProcessStudio.Data.Cluster;

/// <summary>Runs the PostgreSQL channel's listener when the instance shares its database; does nothing on SQLite.</summary>
internal sealed class ClusterListenerHost(IClusterChannel channel) : IHostedService
{
    private readonly IHostedService? _listener = channel as IHostedService;

    public Task StartAsync(CancellationToken cancellationToken) => _listener?.StartAsync(cancellationToken) ?? Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _listener?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
