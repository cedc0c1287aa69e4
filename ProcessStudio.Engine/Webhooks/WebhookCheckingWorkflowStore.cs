using ProcessStudio.Engine.Model;
using ProcessStudio.Engine.Persistence;

namespace ProcessStudio.Engine.Webhooks;

/// <summary>
/// Wraps the workflow store so that every save, whoever makes it (API, designer, import, seeding), is checked for a
/// webhook path another workflow owns and keeps <see cref="WebhookRoutes"/> current. Reads pass straight through.
/// </summary>
public sealed class WebhookCheckingWorkflowStore(IWorkflowStore inner, WebhookRoutes routes) : IWorkflowStore
{
    public Task<IReadOnlyList<WorkflowSummary>> ListAsync(string? search, CancellationToken cancellationToken) =>
        inner.ListAsync(search, cancellationToken);

    public Task<WorkflowVersion?> GetLatestAsync(Guid workflowId, CancellationToken cancellationToken) =>
        inner.GetLatestAsync(workflowId, cancellationToken);

    public Task<int?> GetLatestVersionNumberAsync(Guid workflowId, CancellationToken cancellationToken) =>
        inner.GetLatestVersionNumberAsync(workflowId, cancellationToken);

    public Task<WorkflowVersion?> GetVersionAsync(Guid workflowId, int version, CancellationToken cancellationToken) =>
        inner.GetVersionAsync(workflowId, version, cancellationToken);

    public Task<IReadOnlyList<WorkflowVersionInfo>> ListVersionsAsync(Guid workflowId, CancellationToken cancellationToken) =>
        inner.ListVersionsAsync(workflowId, cancellationToken);

    public Task<WorkflowVersion> SaveAsync(WorkflowDefinition definition, string? comment, ExpectedVersion expected, CancellationToken cancellationToken) =>
        routes.SaveAsync(definition, () => inner.SaveAsync(definition, comment, expected, cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(Guid workflowId, ExpectedVersion expected, CancellationToken cancellationToken) =>
        routes.DeleteAsync(workflowId, () => inner.DeleteAsync(workflowId, expected, cancellationToken), cancellationToken);
}
