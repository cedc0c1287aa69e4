using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Data;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Web.Tests.Support;

/// <summary>Reads a data folder's database through the real store while no app is running on it.</summary>
public static class StoreReader
{
    public static async Task<IReadOnlyList<NodeExecutionRecord>> NodeExecutionsAsync(string dataFolder, Guid executionId)
    {
        await using var services = DataServices(dataFolder);
        return await services.GetRequiredService<IExecutionStore>().GetNodeExecutionsAsync(executionId, CancellationToken.None);
    }

    public static async Task<ExecutionRecord?> ExecutionAsync(string dataFolder, Guid executionId)
    {
        await using var services = DataServices(dataFolder);
        return await services.GetRequiredService<IExecutionStore>().GetAsync(executionId, CancellationToken.None);
    }

    public static ServiceProvider DataServices(string dataFolder) => new ServiceCollection()
        .AddLogging()
        .AddProcessStudioData(o => o.DataFolder = dataFolder)
        .BuildServiceProvider();
}
