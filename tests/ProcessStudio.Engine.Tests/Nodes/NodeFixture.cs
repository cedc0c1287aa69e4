using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ProcessStudio.Engine.Execution;
using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Tests.Support;

namespace ProcessStudio.Engine.Tests.Nodes;

/// <summary>Runs one node alone through <see cref="IWorkflowEngine.TestNodeAsync"/>, as the designer's "test node" does.</summary>
public abstract class NodeFixture : IDisposable
{
    private readonly ServiceProvider _services;

    protected NodeFixture(Action<EngineOptions>? configure = null) => _services = EngineServices.Build(configure);

    protected IWorkflowEngine Engine => _services.GetRequiredService<IWorkflowEngine>();

    protected IServiceProvider Services => _services;

    public virtual void Dispose() => _services.Dispose();

    protected Task<NodeTestResult> TestAsync(string type, object settings, JsonNode? input = null, Action<WorkflowBuilder>? more = null)
    {
        var builder = new WorkflowBuilder("fixture").Trigger().Node("node", type, settings).Chain("start", "node");
        more?.Invoke(builder);
        return Engine.TestNodeAsync(builder.Build(), "node", input, CancellationToken.None);
    }
}
