using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Scheduling;

/// <summary>
/// The host's workflow store with schedule upkeep after each write, so every way of saving (API, designer, import,
/// restore) recomputes the schedule and every delete removes it.
/// </summary>
public sealed class SchedulingWorkflowStore(IWorkflowStore inner, ScheduleActivation activation) : IWorkflowStore
{
    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(string? search, CancellationToken cancellationToken) => inner.ListAsync(search, cancellationToken);
    public Task<WorkflowVersion?> GetLatestAsync(Guid workflowId, CancellationToken cancellationToken) => inner.GetLatestAsync(workflowId, cancellationToken);

    public Task<int?> GetLatestVersionNumberAsync(Guid workflowId, CancellationToken cancellationToken) =>
        inner.GetLatestVersionNumberAsync(workflowId, cancellationToken);

    public Task<WorkflowVersion?> GetVersionAsync(Guid workflowId, int version, CancellationToken cancellationToken) =>
        inner.GetVersionAsync(workflowId, version, cancellationToken);

    public Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync(Guid workflowId, CancellationToken cancellationToken) =>
        inner.ListVersionsAsync(workflowId, cancellationToken);

    public async Task<WorkflowVersion> SaveAsync(WorkflowDefinition definition, string? comment, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        var saved = await inner.SaveAsync(definition, comment, expected, cancellationToken);
        await activation.OnSavedAsync(saved, cancellationToken);
        return saved;
    }

    public async Task<bool> DeleteAsync(Guid workflowId, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        var deleted = await inner.DeleteAsync(workflowId, expected, cancellationToken);
        if (deleted) await activation.OnDeletedAsync(workflowId, cancellationToken);
        return deleted;
    }
}
