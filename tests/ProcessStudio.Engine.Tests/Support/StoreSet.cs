using ProcessStudio.Engine.Persistence;
using ProcessStudio.Engine.Persistence.InMemory;

namespace ProcessStudio.Engine.Tests.Support;

/// <summary>
/// The stores an engine host runs over. A restart builds a new host over stores opened on the same data. The outbox
/// is the one the execution store writes run events into (null: the in-memory execution store's own).
/// </summary>
public sealed record StoreSet(IWorkflowStore Workflows, IExecutionStore Executions, IOutboxStore? Outbox = null)
{
    /// <summary>Critical-section locks; null leaves the engine's in-memory default.</summary>
    public ILockStore? Locks { get; init; }

    public static StoreSet InMemory()
    {
        var executions = new InMemoryExecutionStore();
        return new(new InMemoryWorkflowStore(TimeProvider.System), executions, executions.Outbox);
    }
}
