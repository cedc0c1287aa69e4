using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProcessStudio.Engine.Execution.Runtime;
using ProcessStudio.Engine.Execution.Workers;

namespace ProcessStudio.Web.Operations;

/// <summary>Ready only while the worker pool is running: a stopped or crashed pool would queue runs that never start.</summary>
public sealed class EngineWorkersHealthCheck(IEnumerable<IHostedService> hostedServices, ExecutionQueue queue, LiveRuns live) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["queueDepth"] = queue.Depth, ["running"] = live.Count };
        var workers = hostedServices.OfType<EngineWorkerService>().SingleOrDefault();
        var result = workers?.ExecuteTask switch
        {
            null => HealthCheckResult.Unhealthy("The engine workers have not started.", data: data),
            { IsFaulted: true } task => HealthCheckResult.Unhealthy("The engine workers stopped with an error.", task.Exception, data),
            { IsCompleted: true } => HealthCheckResult.Unhealthy("The engine workers have stopped.", data: data),
            _ => HealthCheckResult.Healthy("The engine workers are taking runs.", data),
        };
        return Task.FromResult(result);
    }
}
