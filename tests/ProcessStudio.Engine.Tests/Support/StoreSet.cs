using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>The stores an engine host runs over. A restart builds a new host over stores opened on the same data.</summary>
public sealed record StoreSet(IWorkflowStore Workflows, IExecutionStore Executions)
{
    /// <summary>Critical-section locks; null leaves the engine's in-memory default.</summary>
    public ILockStore? Locks { get; init; }

    public static StoreSet InMemory() => new(new InMemoryWorkflowStore(TimeProvider.System), new InMemoryExecutionStore());
}
